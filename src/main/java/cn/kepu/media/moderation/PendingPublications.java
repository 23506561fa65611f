package cn.kepu.media.moderation;

import cn.kepu.media.shared.paging.Cursor;
import cn.kepu.media.works.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Publication requests of works outside contests that wait for review, as the moderation inbox lists them. Owned
 * here and implemented by publishing (which sits above moderation and owns the requests), so moderation never
 * depends on publishing.
 */
public interface PendingPublications {

    /** A request waiting for a PUBLICATION decision; the inbox orders and pages it by {@code (requestedAt, id)}. */
    record Pending(UUID requestId, UUID workId, Instant requestedAt) {
        public Cursor cursor() {
            return new Cursor(requestedAt, requestId);
        }
    }

    /** Pending requests oldest first, after the cursor, optionally only for works of one kind; at most {@code limit}. */
    List<Pending> oldest(Optional<WorkKind> kind, Optional<Cursor> after, int limit);
}
