package cn.kepu.media.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.notifications.Recipients.Person;
import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Phase 1 of the restart test: the service runs without a sender (as an instance would that is stopped right after
 * the event commits). The event's notification waits in the outbox; nothing is mailed. Phase 2,
 * {@link NotificationRestart2DrainTest}, is the service started again on the same database (Quarkus runs test classes
 * with a profile after the others, in class-name order, restarting the application for each profile: phase 2 runs right
 * after this one, in a fresh application): the mail goes, once.
 */
@QuarkusTest
@TestProfile(NotificationRestart1EventTest.Phase1NoSender.class)
class NotificationRestart1EventTest {

    /** System property handing phase 2 the recipient (both phases run in one test JVM, in two applications). */
    static final String PENDING_RECIPIENT = "kepu.test.restart.recipient";

    public static class Phase1NoSender implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kepu.notifications.sender.enabled", "false");
        }
    }

    /** The application after the restart: senders on, and the database kept (tests normally start from empty). */
    public static class Phase2Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kepu.notifications.sender.enabled", "true",
                    "quarkus.flyway.clean-at-start", "false",
                    "kepu.media.purge-bucket-at-start", "false",
                    "kepu.search.reset-at-start", "false");
        }
    }

    @Inject
    EntityManager em;

    @Test
    void anEventCommittedWhileNoSenderRunsWaitsInTheOutbox() {
        Person judge = Recipients.register("restart", "JUDGE", "EN", "Restart Institute");
        GraphQL organizer = GraphQL.as("organizer1");
        String contest = organizer.run(Contests.CREATE, Map.of("input",
                Contests.input("Restart contest 重启测试", Duration.ofHours(2), 1))).ok().string("createContest.id");
        organizer.run("mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c, judges: $j) }",
                Map.of("c", contest, "j", List.of(Map.of("judgeId", judge.id())))).ok();

        String state = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "select state from notification_outbox where recipient_id = cast(?1 as uuid)")
                .setParameter(1, judge.id()).getSingleResult());
        assertThat(state).isEqualTo("PENDING");
        assertThat(judge.mailbox().kindAfter("PANEL_INVITATION", Duration.ofSeconds(3))).isEmpty();
        System.setProperty(PENDING_RECIPIENT, judge.mailbox().address() + " " + judge.id());
    }

    /** System property handing phase 2 the owner told of a publication decision (a Chinese-speaking one). */
    static final String PENDING_OWNER = "kepu.test.restart.owner";

    @Test
    void aPublicationDecisionCommittedWhileNoSenderRunsWaitsInTheOutbox() {
        Person owner = Recipients.register("restart-owner", "ENTRANT", "ZH", "重启研究所");
        String work = Contests.work(owner.client(), "POSTER", "重启后发布的作品");
        TestMediaFacts.register(work, TestMediaFacts.png(3000, 4000));
        String request = owner.client().run("""
                mutation($w: ID!) { requestPublication(input: {workId: $w}) { id } }""", Map.of("w", work)).ok()
                .string("requestPublication.id");
        GraphQL.as("moderator1").run("""
                mutation($r: ID!) { moderatePublication(input: {requestId: $r, decision: APPROVE, reasonCode: OK})
                  { status } }""", Map.of("r", request)).ok();

        String state = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "select state from notification_outbox where recipient_id = cast(?1 as uuid)"
                                + " and kind = 'PUBLICATION_DECISION'")
                .setParameter(1, owner.id()).getSingleResult());
        assertThat(state).isEqualTo("PENDING");
        assertThat(owner.mailbox().kindAfter("PUBLICATION_DECISION", Duration.ofSeconds(1))).isEmpty();
        System.setProperty(PENDING_OWNER, owner.mailbox().address() + " " + owner.id());
    }
}
