package cn.kepu.media.contests;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a submission stands. Entrants see this, never scores or ranks.")
public enum SubmissionStatus {
    /** Waiting for content-safety review. */
    IN_MODERATION,
    /** Passed review; in judging. */
    ACCEPTED,
    /** Rejected by a moderator (see the reason). */
    REJECTED,
    /** Withdrawn by the entrant. */
    WITHDRAWN
}
