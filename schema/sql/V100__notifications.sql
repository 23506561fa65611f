-- Notifications by e-mail (issue 11 item 3): where to reach a person, in which language, what they want to hear
-- about, and the outbox the sender drains.

-- The address notifications go to (the OIDC provider's verified e-mail at registration, or what the person typed)
-- and the language they are written in: 'zh' (Simplified Chinese, the default) or 'en'.
ALTER TABLE account
    ADD COLUMN email text CHECK (email IS NULL OR (length(email) <= 254 AND email LIKE '%_@_%')),
    ADD COLUMN language text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en'));

-- Opt-outs and opt-ins per kind; no row means the kind's default (every kind is on by default).
CREATE TABLE notification_preference (
    account_id  uuid     NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind        text     NOT NULL,
    enabled     boolean  NOT NULL,
    PRIMARY KEY (account_id, kind)
);

-- One row per thing to tell one person, written in the transaction of the event it reports (so it exists exactly
-- when the event committed), drained by NotificationSender on any number of instances:
--   PENDING  -> claimed (FOR UPDATE SKIP LOCKED) -> SENDING with lease_until -> SENT
--   SENDING whose lease ran out (the instance died mid-send) is claimable again; failures go back to PENDING with
--   next_attempt_at pushed out exponentially, and to FAILED after the last attempt.
-- idempotency_key makes enqueueing idempotent (an event observed twice, a reminder scan run on two instances) and is
-- the Message-ID of the mail, so a receiving system can recognise the one resend after a crash between send and mark.
CREATE TABLE notification_outbox (
    id               uuid         PRIMARY KEY,
    idempotency_key  text         NOT NULL UNIQUE,
    recipient_id     uuid         NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind             text         NOT NULL,
    params           jsonb        NOT NULL DEFAULT '{}',
    state            text         NOT NULL DEFAULT 'PENDING'
                         CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts         int          NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL,
    lease_until      timestamptz,
    -- Which claim holds the row: a sender only marks rows it still holds (a lease taken over is not its own).
    claim_id         uuid,
    last_error       text,
    created_at       timestamptz  NOT NULL,
    sent_at          timestamptz,
    -- The mail that carried this row: rows of one digest (several new assignments) share it.
    message_id       text
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at)
    WHERE state IN ('PENDING', 'SENDING');
CREATE INDEX notification_outbox_recipient_idx ON notification_outbox (recipient_id, created_at DESC);
