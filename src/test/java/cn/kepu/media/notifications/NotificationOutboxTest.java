package cn.kepu.media.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.devstack.LocalStack;
import cn.kepu.media.notifications.NotificationOutbox.Notice;
import cn.kepu.media.notifications.Recipients.Person;
import cn.kepu.media.testsupport.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's guarantees, against the real database and SMTP server: a rolled-back event sends nothing, a row
 * claimed by an instance that died is sent once after its lease, several senders at once send each row once, and a
 * relay outage is retried with back-off until the mail goes.
 */
@QuarkusTest
class NotificationOutboxTest {

    @Inject
    NotificationOutbox outbox;
    @Inject
    NotificationSender sender;
    @Inject
    EntityManager em;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anEventThatRollsBackLeavesNoNotification() {
        Person judge = Recipients.register("rollback", "JUDGE", "ZH", "回滚研究所");
        String key = "test-rollback:" + UUID.randomUUID();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                assertThat(outbox.enqueue(invitation(judge, key, "回滚的征集"))).isTrue();
                throw new IllegalStateException("the event's transaction fails");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(rows(key)).isZero();
        assertThat(judge.mailbox().kindAfter("PANEL_INVITATION", Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void enqueueingOneEventTwiceWritesOneRow() {
        Person judge = Recipients.register("twice", "JUDGE", "ZH", "重复研究所");
        String key = "test-twice:" + UUID.randomUUID();
        boolean first = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(invitation(judge, key, "重复")));
        boolean second = QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(invitation(judge, key, "重复")));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(judge.mailbox().awaitKind("PANEL_INVITATION")).hasSize(1);
    }

    @Test
    void aRowClaimedByAnInstanceThatDiedIsSentOnceAfterItsLeaseRunsOut() {
        Person judge = Recipients.register("orphan", "JUDGE", "EN", "Orphan Institute");
        String key = "test-orphan:" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(invitation(judge, key, "Orphaned contest"));
            // Another instance claimed it, then died before sending: its lease runs for another ten minutes.
            em.createNativeQuery("update notification_outbox set state = 'SENDING', claim_id = ?1, attempts = 1,"
                            + " lease_until = ?2 where idempotency_key = ?3")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, clock.instant().plus(Duration.ofMinutes(10)))
                    .setParameter(3, key).executeUpdate();
        });
        assertThat(judge.mailbox().kindAfter("PANEL_INVITATION", Duration.ofSeconds(3)))
                .as("nobody sends a row while another claim holds it").isEmpty();

        clock.advance(Duration.ofMinutes(11));
        var mails = judge.mailbox().awaitKind("PANEL_INVITATION");
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().subject()).contains("Orphaned contest");
        assertThat(state(key)).isEqualTo("SENT");
        assertThat(judge.mailbox().kindAfter("PANEL_INVITATION", Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void severalSendersDrainingAtOnceSendEveryRowOnce() throws Exception {
        List<Person> judges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            judges.add(Recipients.register("crowd" + i, "JUDGE", i % 2 == 0 ? "ZH" : "EN", "并发研究所"));
        }
        String batch = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> judges.forEach(j ->
                outbox.enqueue(invitation(j, "test-crowd:" + batch + ":" + j.id(), "并发征集"))));
        // Three "instances" at once, besides the scheduled poll.
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Callable<NotificationSender.Outcome>> drains = List.of(sender::drain, sender::drain, sender::drain);
            for (Future<NotificationSender.Outcome> done : pool.invokeAll(drains)) {
                done.get();
            }
        }
        for (Person judge : judges) {
            assertThat(judge.mailbox().awaitKind("PANEL_INVITATION")).as(judge.id()).hasSize(1);
        }
        assertThat(judges.getFirst().mailbox().kindAfter("PANEL_INVITATION", Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void aRelayOutageIsRetriedWithBackOffAndTheMailGoesOnceItIsBack() {
        Person judge = Recipients.register("outage", "JUDGE", "ZH", "停机研究所");
        String key = "test-outage:" + UUID.randomUUID();
        LocalStack stack = LocalStack.ensureRunning();
        stack.stopMail();
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(invitation(judge, key, "停机征集")));
            awaitAttempts(key, 1);
            Map<String, Object> failed = row(key);
            assertThat(failed.get("state")).isEqualTo("PENDING");
            assertThat((String) failed.get("last_error")).isNotBlank();
        } finally {
            stack.startMail();
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(judge.mailbox().awaitKind("PANEL_INVITATION")).hasSize(1);
        assertThat(state(key)).isEqualTo("SENT");
        assertThat(((Number) row(key).get("attempts")).intValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void savedSearchMatchesReachTheOutletAsOneDigestInItsLanguageAndRepeatsAreIgnored() {
        Person outlet = Recipients.register("outlet", "MEDIA", "EN", "Science Daily");
        UUID recipient = UUID.fromString(outlet.id());
        UUID search = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(outbox.savedSearchMatched(recipient, search, "quantum", first, "Qubits at home")).isTrue();
            assertThat(outbox.savedSearchMatched(recipient, search, "quantum", second, "量子纠缠一图读懂")).isTrue();
            assertThat(outbox.savedSearchMatched(recipient, search, "quantum", first, "Qubits at home"))
                    .as("the same match again").isFalse();
        });
        var mails = outlet.mailbox().awaitKind("SAVED_SEARCH_ALERT");
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().subject()).isEqualTo("[Science Week library] 2 new works match your saved searches");
        assertThat(mails.getFirst().body()).contains("\"Qubits at home\" (search: quantum)", "量子纠缠一图读懂",
                "/works/" + first, "/works/" + second);
        assertThat(outlet.mailbox().kindAfter("SAVED_SEARCH_ALERT", Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void backOffDoublesFromTheInitialWaitUpToTheCap() {
        // %test: initial 1 s, cap 1 h
        assertThat(sender.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(sender.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(sender.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(sender.backoff(40)).isEqualTo(Duration.ofHours(1));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static Notice invitation(Person judge, String key, String contestTitle) {
        return new Notice(UUID.fromString(judge.id()), NotificationKind.PANEL_INVITATION, key,
                Map.of("contestId", UUID.randomUUID().toString(), "contestTitle", contestTitle,
                        "zone", "Asia/Shanghai"));
    }

    long rows(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from notification_outbox where idempotency_key = ?1").setParameter(1, key)
                .getSingleResult()).longValue());
    }

    String state(String key) {
        return (String) row(key).get("state");
    }

    Map<String, Object> row(String key) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery("select state, attempts, coalesce(last_error, '')"
                    + " from notification_outbox where idempotency_key = ?1").setParameter(1, key).getSingleResult();
            return Map.of("state", r[0], "attempts", r[1], "last_error", r[2]);
        });
    }

    void awaitAttempts(String key, int attempts) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (((Number) row(key).get("attempts")).intValue() < attempts || "SENDING".equals(state(key))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no attempt recorded for " + key + ": " + row(key));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
