package cn.kepu.media.contests;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.UUID;

/**
 * Submission events, declared here because contests is the lowest feature that changes submissions; moderation and
 * judging fire them too, and higher features observe them (events flow upward, never a call downward).
 *
 * <p>{@link SubmissionChanged} reaches live subscribers only after the commit, so nobody is told about a change that
 * then rolled back, and a subscriber that reads the submission sees the committed state. {@link Withdrawn} is
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

    private final BroadcastProcessor<SubmissionChanged> submissions = BroadcastProcessor.create();
    private final Event<SubmissionChanged> changed;
    private final Event<Withdrawn> withdrawn;
    private final Event<Object> domainEvents;

    public SubmissionEvents(Event<SubmissionChanged> changed, Event<Withdrawn> withdrawn, Event<Object> domainEvents) {
        this.changed = changed;
        this.withdrawn = withdrawn;
        this.domainEvents = domainEvents;
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

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubmissionChanged event) {
        submissions.onNext(event);
    }

    public Multi<SubmissionChanged> submissionsOf(UUID entrantId) {
        return submissions.filter(e -> e.entrantId().equals(entrantId));
    }
}
