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
 * Live updates of judging for subscriptions (submission changes are {@code contests.SubmissionEvents}). Services
 * fire events inside their transaction; they reach subscribers only after the commit.
 *
 * <p>With several instances a judge's subscription may sit on another instance than the one that assigned, so the
 * events travel through PostgreSQL ({@link PostgresNotifications}): sent inside the transaction, delivered after the
 * commit to every instance, each of which hands them to its own subscribers.
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

    /** The PostgreSQL channel every instance listens on; payload "assignmentId,judgeId". */
    public static final String CHANNEL = "kepu_assignment_added";

    private final BroadcastProcessor<AssignmentAdded> assignments = BroadcastProcessor.create();
    private final Event<AssignmentAdded> assignmentEvents;
    private final Event<Object> domainEvents;
    private final PostgresNotifications notifications;

    public JudgingEvents(Event<AssignmentAdded> assignmentEvents, Event<Object> domainEvents,
            PostgresNotifications notifications) {
        this.assignmentEvents = assignmentEvents;
        this.domainEvents = domainEvents;
        this.notifications = notifications;
    }

    /** Fires one of the records above (or any other domain event) to its synchronous observers, in this transaction. */
    public void fire(Object event) {
        domainEvents.fire(event);
    }

    public void assignmentAdded(UUID assignmentId, UUID judgeId) {
        assignmentEvents.fire(new AssignmentAdded(assignmentId, judgeId));
    }

    void announce(@Observes AssignmentAdded event) {
        notifications.send(CHANNEL, event.assignmentId() + "," + event.judgeId());
    }

    void listen(@Observes StartupEvent start) {
        notifications.subscribe(CHANNEL, payload -> PostgresNotifications.idPair(payload)
                .ifPresent(ids -> assignments.onNext(new AssignmentAdded(ids[0], ids[1]))));
    }

    public Multi<AssignmentAdded> assignmentsOf(UUID judgeId) {
        return assignments.filter(e -> e.judgeId().equals(judgeId));
    }
}
