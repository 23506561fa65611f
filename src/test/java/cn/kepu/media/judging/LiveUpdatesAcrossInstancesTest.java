package cn.kepu.media.judging;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.contests.SubmissionEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Live updates reach subscribers whichever instance made the change: events travel through PostgreSQL
 * (LISTEN/NOTIFY), so a change committed by another instance (here: another PostgreSQL session sending exactly what an
 * instance sends) reaches this instance's subscribers, and a change that rolled back reaches nobody.
 */
@QuarkusTest
class LiveUpdatesAcrossInstancesTest {

    @Inject
    JudgingEvents events;

    @Inject
    SubmissionEvents submissions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aChangeCommittedByAnotherInstanceReachesSubscribersHere() throws Exception {
        UUID entrant = UUID.randomUUID();
        UUID submission = UUID.randomUUID();
        List<SubmissionEvents.SubmissionChanged> heard = new CopyOnWriteArrayList<>();
        Cancellable subscription = submissions.submissionsOf(entrant).subscribe().with(heard::add);
        try {
            sendFromAnotherSession(SubmissionEvents.CHANNEL, submission + "," + entrant, true);
            awaitSize(heard, 1);
            assertThat(heard).containsExactly(new SubmissionEvents.SubmissionChanged(submission, entrant));
        } finally {
            subscription.cancel();
        }
    }

    @Test
    void aChangeThatRolledBackReachesNobody() throws Exception {
        UUID judge = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        List<JudgingEvents.AssignmentAdded> heard = new CopyOnWriteArrayList<>();
        Cancellable subscription = events.assignmentsOf(judge).subscribe().with(heard::add);
        try {
            sendFromAnotherSession(JudgingEvents.CHANNEL, rolledBack + "," + judge, false);
            sendFromAnotherSession(JudgingEvents.CHANNEL, committed + "," + judge, true);
            awaitSize(heard, 1);
            Thread.sleep(300);
            assertThat(heard).extracting(JudgingEvents.AssignmentAdded::assignmentId).containsExactly(committed);
        } finally {
            subscription.cancel();
        }
    }

    private void sendFromAnotherSession(String channel, String payload, boolean commit) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, channel);
                notify.setString(2, payload);
                notify.execute();
            }
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(list).hasSize(size);
    }
}
