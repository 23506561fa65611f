package cn.kepu.media.judging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.UUID;

/**
 * Live updates for subscriptions. Services fire events inside their transaction; they reach subscribers only after
 * the commit, so nobody is told about a change that then rolled back.
 */
@ApplicationScoped
public class JudgingEvents {

    /** A submission's status changed; {@code entrantId} is who may hear about it. */
    public record SubmissionChanged(UUID submissionId, UUID entrantId) {
    }

    /** A judge got a new assignment. */
    public record AssignmentAdded(UUID assignmentId, UUID judgeId) {
    }

    private final BroadcastProcessor<SubmissionChanged> submissions = BroadcastProcessor.create();
    private final BroadcastProcessor<AssignmentAdded> assignments = BroadcastProcessor.create();
    private final Event<SubmissionChanged> submissionEvents;
    private final Event<AssignmentAdded> assignmentEvents;

    public JudgingEvents(Event<SubmissionChanged> submissionEvents, Event<AssignmentAdded> assignmentEvents) {
        this.submissionEvents = submissionEvents;
        this.assignmentEvents = assignmentEvents;
    }

    public void submissionChanged(UUID submissionId, UUID entrantId) {
        submissionEvents.fire(new SubmissionChanged(submissionId, entrantId));
    }

    public void assignmentAdded(UUID assignmentId, UUID judgeId) {
        assignmentEvents.fire(new AssignmentAdded(assignmentId, judgeId));
    }

    void afterSubmissionCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubmissionChanged event) {
        submissions.onNext(event);
    }

    void afterAssignmentCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AssignmentAdded event) {
        assignments.onNext(event);
    }

    public Multi<SubmissionChanged> submissionsOf(UUID entrantId) {
        return submissions.filter(e -> e.entrantId().equals(entrantId));
    }

    public Multi<AssignmentAdded> assignmentsOf(UUID judgeId) {
        return assignments.filter(e -> e.judgeId().equals(judgeId));
    }
}
