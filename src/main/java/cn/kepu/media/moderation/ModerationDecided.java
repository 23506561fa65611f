package cn.kepu.media.moderation;

import java.util.UUID;

/**
 * A moderator decided on a submission (at the entry or the publication stage). Fired synchronously inside the
 * deciding transaction, so observers (notifications) write in that same transaction.
 */
public record ModerationDecided(UUID decisionId, UUID submissionId, UUID entrantId) {
}
