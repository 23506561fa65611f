package cn.kepu.media.contests;

import cn.kepu.media.shared.cluster.PostgresNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * Submission events, declared here because contests is the lowest feature that changes submissions; moderation and
 * judging fire them too, and higher features observe them (events flow upward, never a call downward).
 *
 * <p>{@link SubmissionChanged} reaches live subscribers only after the commit, so nobody is told about a change that
 * then rolled back, and a subscriber that reads the submission sees the committed state. It travels through PostgreSQL
 * ({@link PostgresNotifications}: sent inside the transaction, delivered after the commit to every instance), so an
 * entrant subscribed on one instance hears changes made on any other. {@link Withdrawn} is
 * observed synchronously, inside the withdrawing transaction, by features that keep rows about the entry.
 */
@ApplicationScoped
public class SubmissionEvents {

    /** A submission's status changed; {@code entrantId} is who may hear about it. */
    public record SubmissionChanged(UUID submissionId, UUID entrantId) {
    }

    /** A submission was withdrawn: observers drop what they hold about it, in the same transaction. */
    public record Withdrawn(UUID submissionId, UUID contestId) {
    }

    /**
     * An entry arrived, or was replaced and went back to moderation. Fired synchronously inside the submitting
     * transaction: observers (notifications) write their rows in that same transaction.
     */
    public record EntryReceived(UUID submissionId, UUID entrantId) {
    }

    /** The PostgreSQL channel every instance listens on; payload "submissionId,entrantId". */
    public static final String CHANNEL = "kepu_submission_changed";

    private final BroadcastProcessor<SubmissionChanged> submissions = BroadcastProcessor.create();
    private final Event<SubmissionChanged> changed;
    private final Event<Withdrawn> withdrawn;
    private final Event<Object> domainEvents;
    private final PostgresNotifications notifications;

    public SubmissionEvents(Event<SubmissionChanged> changed, Event<Withdrawn> withdrawn, Event<Object> domainEvents,
            PostgresNotifications notifications) {
        this.changed = changed;
        this.withdrawn = withdrawn;
        this.domainEvents = domainEvents;
        this.notifications = notifications;
    }

    /**
     * Fires a domain event about a submission (e.g. {@link EntryReceived}, or moderation's {@code ModerationDecided})
     * to its synchronous observers, inside the caller's transaction.
     */
    public void fire(Object event) {
        domainEvents.fire(event);
    }

    public void submissionChanged(UUID submissionId, UUID entrantId) {
        changed.fire(new SubmissionChanged(submissionId, entrantId));
    }

    public void withdrawn(UUID submissionId, UUID contestId) {
        withdrawn.fire(new Withdrawn(submissionId, contestId));
    }

    void announce(@Observes SubmissionChanged event) {
        notifications.send(CHANNEL, event.submissionId() + "," + event.entrantId());
    }

    void listen(@Observes StartupEvent start) {
        notifications.subscribe(CHANNEL, payload -> PostgresNotifications.idPair(payload)
                .ifPresent(ids -> submissions.onNext(new SubmissionChanged(ids[0], ids[1]))));
    }

    public Multi<SubmissionChanged> submissionsOf(UUID entrantId) {
        return submissions.filter(e -> e.entrantId().equals(entrantId));
    }
}
