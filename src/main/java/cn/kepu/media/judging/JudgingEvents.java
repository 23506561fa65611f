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

    /**
     * An entry arrived, or was replaced and went back to moderation. Like the events below it is fired inside the
     * transaction that made the change: synchronous observers (notifications) write in that same transaction.
     */
    public record EntryReceived(UUID submissionId, UUID entrantId) {
    }

    /** A moderator decided on a submission (at the entry or the publication stage). */
    public record ModerationDecided(UUID decisionId, UUID submissionId, UUID entrantId) {
    }

    /** A contest's results were published (fired after every awarded work became public). */
    public record ResultsPublished(UUID contestId) {
    }

    /** An account is on a contest's judging panel (fired for every member each time the panel is set). */
    public record JudgeOnPanel(UUID contestId, UUID judgeId) {
    }

    private final BroadcastProcessor<SubmissionChanged> submissions = BroadcastProcessor.create();
    private final BroadcastProcessor<AssignmentAdded> assignments = BroadcastProcessor.create();
    private final Event<SubmissionChanged> submissionEvents;
    private final Event<AssignmentAdded> assignmentEvents;
    private final Event<Object> domainEvents;

    public JudgingEvents(Event<SubmissionChanged> submissionEvents, Event<AssignmentAdded> assignmentEvents,
            Event<Object> domainEvents) {
        this.submissionEvents = submissionEvents;
        this.assignmentEvents = assignmentEvents;
        this.domainEvents = domainEvents;
    }

    /** Fires one of the records above (or any other domain event) to its synchronous observers, in this transaction. */
    public void fire(Object event) {
        domainEvents.fire(event);
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
