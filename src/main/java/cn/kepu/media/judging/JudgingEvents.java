package cn.kepu.media.judging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.UUID;

/**
 * Live updates of judging for subscriptions (submission changes are {@code contests.SubmissionEvents}). Services
 * fire events inside their transaction; they reach subscribers only after the commit.
 */
@ApplicationScoped
public class JudgingEvents {

    /** A judge got a new assignment. */
    public record AssignmentAdded(UUID assignmentId, UUID judgeId) {
    }

    /**
     * A contest's results were published (fired after every awarded work became public). Like the event below, fired
     * inside the transaction that made the change: synchronous observers (notifications) write in that same one.
     */
    public record ResultsPublished(UUID contestId) {
    }

    /** An account is on a contest's judging panel (fired for every member each time the panel is set). */
    public record JudgeOnPanel(UUID contestId, UUID judgeId) {
    }

    private final BroadcastProcessor<AssignmentAdded> assignments = BroadcastProcessor.create();
    private final Event<AssignmentAdded> assignmentEvents;
    private final Event<Object> domainEvents;

    public JudgingEvents(Event<AssignmentAdded> assignmentEvents, Event<Object> domainEvents) {
        this.assignmentEvents = assignmentEvents;
        this.domainEvents = domainEvents;
    }

    /** Fires one of the records above (or any other domain event) to its synchronous observers, in this transaction. */
    public void fire(Object event) {
        domainEvents.fire(event);
    }

    public void assignmentAdded(UUID assignmentId, UUID judgeId) {
        assignmentEvents.fire(new AssignmentAdded(assignmentId, judgeId));
    }

    void afterAssignmentCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AssignmentAdded event) {
        assignments.onNext(event);
    }

    public Multi<AssignmentAdded> assignmentsOf(UUID judgeId) {
        return assignments.filter(e -> e.judgeId().equals(judgeId));
    }
}
