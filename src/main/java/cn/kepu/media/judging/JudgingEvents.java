package cn.kepu.media.judging;

import cn.kepu.media.shared.cluster.PostgresNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * Live updates for subscriptions. Services fire events inside their transaction; they reach subscribers only after
 * the commit, so nobody is told about a change that then rolled back.
 *
 * <p>With several instances a subscriber's connection may sit on another instance than the one that made the change,
 * so events travel through PostgreSQL ({@link PostgresNotifications}): sent inside the transaction, delivered after
 * the commit to every instance, each of which hands them to its own subscribers.
 */
@ApplicationScoped
public class JudgingEvents {

    /** A submission's status changed; {@code entrantId} is who may hear about it. */
    public record SubmissionChanged(UUID submissionId, UUID entrantId) {
    }

    /** A judge got a new assignment. */
    public record AssignmentAdded(UUID assignmentId, UUID judgeId) {
    }

    static final String CHANNEL = "kepu_judging_events";
    private static final String SUBMISSION = "S";
    private static final String ASSIGNMENT = "A";

    private final BroadcastProcessor<SubmissionChanged> submissions = BroadcastProcessor.create();
    private final BroadcastProcessor<AssignmentAdded> assignments = BroadcastProcessor.create();
    private final Event<SubmissionChanged> submissionEvents;
    private final Event<AssignmentAdded> assignmentEvents;

    private final PostgresNotifications notifications;

    public JudgingEvents(Event<SubmissionChanged> submissionEvents, Event<AssignmentAdded> assignmentEvents,
            PostgresNotifications notifications) {
        this.submissionEvents = submissionEvents;
        this.assignmentEvents = assignmentEvents;
        this.notifications = notifications;
    }

    public void submissionChanged(UUID submissionId, UUID entrantId) {
        submissionEvents.fire(new SubmissionChanged(submissionId, entrantId));
    }

    public void assignmentAdded(UUID assignmentId, UUID judgeId) {
        assignmentEvents.fire(new AssignmentAdded(assignmentId, judgeId));
    }

    void announceSubmission(@Observes SubmissionChanged event) {
        notifications.send(CHANNEL, SUBMISSION + event.submissionId() + "," + event.entrantId());
    }

    void announceAssignment(@Observes AssignmentAdded event) {
        notifications.send(CHANNEL, ASSIGNMENT + event.assignmentId() + "," + event.judgeId());
    }

    void listen(@Observes StartupEvent start) {
        notifications.subscribe(CHANNEL, this::received);
    }

    /** A committed event from any instance, this one included: to this instance's subscribers. */
    private void received(String payload) {
        if (payload.length() < 2 || payload.indexOf(',') < 0) {
            return; // PostgresNotifications.RECONNECTED: live updates missed meanwhile are not replayed
        }
        String[] ids = payload.substring(1).split(",");
        UUID first = UUID.fromString(ids[0]);
        UUID second = UUID.fromString(ids[1]);
        switch (payload.charAt(0)) {
            case 'S' -> submissions.onNext(new SubmissionChanged(first, second));
            case 'A' -> assignments.onNext(new AssignmentAdded(first, second));
            default -> { }
        }
    }

    public Multi<SubmissionChanged> submissionsOf(UUID entrantId) {
        return submissions.filter(e -> e.entrantId().equals(entrantId));
    }

    public Multi<AssignmentAdded> assignmentsOf(UUID judgeId) {
        return assignments.filter(e -> e.judgeId().equals(judgeId));
    }
}
