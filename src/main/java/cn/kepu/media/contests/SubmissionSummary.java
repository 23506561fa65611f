package cn.kepu.media.contests;

import java.time.Instant;
import java.util.UUID;

/**
 * A submission as other layers and features read it (the API's {@code Submission} type, moderation queues, results):
 * never the entity, so nobody outside contests' services can change a submission by accident.
 */
public record SubmissionSummary(UUID id, String entryCode, SubmissionStatus status, UUID contestId,
        String categoryCode, String categoryName, UUID workId, UUID entrantId, UUID previousId, Instant submittedAt,
        Instant updatedAt, long version) {
}
