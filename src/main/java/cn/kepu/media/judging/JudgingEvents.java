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

    private final BroadcastProcessor<AssignmentAdded> assignments = BroadcastProcessor.create();
    private final Event<AssignmentAdded> assignmentEvents;

    public JudgingEvents(Event<AssignmentAdded> assignmentEvents) {
        this.assignmentEvents = assignmentEvents;
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
