package cn.kepu.media.works;

import java.time.Instant;
import java.util.UUID;

/**
 * A work just became visible to the public: approved for publication without a release time, released when its
 * release time passed, or put back after a takedown. Declared here (works sits low) so any feature can react
 * without depending on the one that published it; fired synchronously inside the publishing transaction, so an
 * observer's writes (an alert in an outbox) commit with it.
 */
public record WorkBecamePublic(UUID workId, Instant publishedAt) {
}
