package cn.kepu.media.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one way to send someone a notification: writes it to the outbox <em>in the caller's transaction</em>, so it
 * exists exactly when the event it reports committed; {@link NotificationSender} mails it afterwards.
 *
 * <p>Contract for other features (publishing calls it directly; lower features fire CDI events that
 * {@link NotificationTriggers} turns into calls): call inside the transaction that makes the change; pass an
 * idempotency key that names the event, not the attempt (e.g. {@code saved-search:<searchId>:<workId>}), so observing
 * or scanning the same event twice enqueues one notification. A recipient who switched the kind off gets no row.
 */
@ApplicationScoped
public class NotificationOutbox {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final NotificationConfig config;

    public NotificationOutbox(EntityManager em, ObjectMapper json, Clock clock, NotificationConfig config) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /**
     * One notification for one account.
     *
     * @param params what the template shows (titles, codes, counts): plain JSON values, captured now, so the mail
     *               tells what was true at the event even if it is sent later
     */
    public record Notice(UUID recipientId, NotificationKind kind, String idempotencyKey, Map<String, ?> params) {
        public Notice {
            Objects.requireNonNull(recipientId, "recipientId");
            Objects.requireNonNull(kind, "kind");
            if (idempotencyKey == null || idempotencyKey.isBlank()) {
                throw new IllegalArgumentException("an idempotency key naming the event is required");
            }
            params = params == null ? Map.of() : params;
        }
    }

    /**
     * Writes the notification unless the recipient switched its kind off or one with the same key exists.
     *
     * @return whether a row was written
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(Notice notice) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant due = notice.kind().digest() ? now.plus(config.sender().digestDelay()) : now;
        int written = em.createNativeQuery("""
                        insert into notification_outbox (id, idempotency_key, recipient_id, kind, params, next_attempt_at,
                            created_at)
                        select ?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7
                        where not exists (select 1 from notification_preference p
                                          where p.account_id = ?3 and p.kind = ?4 and not p.enabled)
                        on conflict (idempotency_key) do nothing""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, notice.idempotencyKey())
                .setParameter(3, notice.recipientId())
                .setParameter(4, notice.kind().name())
                .setParameter(5, toJson(notice.params()))
                .setParameter(6, due)
                .setParameter(7, now)
                .executeUpdate();
        return written == 1;
    }

    /**
     * A published work newly matches an outlet's saved search. One row per (search, work): the sender mails all of a
     * recipient's due matches as one message, grouped by search.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean savedSearchMatched(UUID recipientId, UUID savedSearchId, String searchName, UUID workId,
            String workTitle) {
        return enqueue(new Notice(recipientId, NotificationKind.SAVED_SEARCH_ALERT,
                "saved-search:" + savedSearchId + ":" + workId,
                Map.of("savedSearchId", savedSearchId.toString(), "searchName", searchName,
                        "workId", workId.toString(), "workTitle", workTitle)));
    }

    private String toJson(Map<String, ?> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Notification params must be plain JSON values: " + params, e);
        }
    }
}
