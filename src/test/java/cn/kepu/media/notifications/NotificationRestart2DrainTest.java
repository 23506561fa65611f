package cn.kepu.media.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.kepu.media.testsupport.Mailbox;
import cn.kepu.media.testsupport.Mailbox.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Phase 2 of {@link NotificationRestart1EventTest}: after the restart, the waiting notification is mailed once. */
@QuarkusTest
@TestProfile(NotificationRestart1EventTest.Phase2Restarted.class)
class NotificationRestart2DrainTest {

    @Inject
    EntityManager em;

    @Test
    void theNotificationWaitingFromBeforeTheRestartIsSentOnce() {
        String pending = System.getProperty(NotificationRestart1EventTest.PENDING_RECIPIENT);
        assumeTrue(pending != null, "runs right after NotificationRestart1EventTest (phase 1) in the same test run");
        String[] recipient = pending.split(" ");
        Mailbox mailbox = Mailbox.of(recipient[0]);

        List<Mail> mails = mailbox.awaitKind("PANEL_INVITATION");
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().subject()).isEqualTo("[Science Week] You are invited to judge \"Restart contest 重启测试\"");
        assertThat(mailbox.kindAfter("PANEL_INVITATION", Duration.ofSeconds(3))).hasSize(1);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                        "select state, attempts from notification_outbox where recipient_id = cast(?1 as uuid)")
                .setParameter(1, recipient[1]).getSingleResult());
        assertThat(row[0]).isEqualTo("SENT");
        assertThat(((Number) row[1]).intValue()).isEqualTo(1);
    }

    @Test
    void thePublicationDecisionWaitingFromBeforeTheRestartIsSentOnceInChinese() {
        String pending = System.getProperty(NotificationRestart1EventTest.PENDING_OWNER);
        assumeTrue(pending != null, "runs right after NotificationRestart1EventTest (phase 1) in the same test run");
        String[] owner = pending.split(" ");
        Mailbox mailbox = Mailbox.of(owner[0]);

        List<Mail> mails = mailbox.awaitKind("PUBLICATION_DECISION");
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().language()).isEqualTo("zh-CN");
        assertThat(mails.getFirst().subject()).isEqualTo("【科技周科普作品库】作品《重启后发布的作品》发布审核结果：通过");
        assertThat(mails.getFirst().body()).contains("现已公开发布");
        assertThat(mailbox.kindAfter("PUBLICATION_DECISION", Duration.ofSeconds(3))).hasSize(1);
    }
}
