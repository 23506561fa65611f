package cn.kepu.media.moderation;

import cn.kepu.media.shared.error.Msg;
import java.util.Set;
import java.util.UUID;

/**
 * What publication review needs to know about awards, owned here and implemented by judging (which sits above
 * moderation), so moderation never depends on judging.
 */
public interface AwardedEntries {

    /** Submissions of the contest that currently hold an award (any tier). */
    Set<UUID> awardedIn(UUID contestId);

    boolean isAwarded(UUID submissionId);

    /** Removes the entry's award (and audits it with the reason) inside the caller's transaction. */
    void removeAward(UUID submissionId, Msg reason);
}
