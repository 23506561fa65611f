package cn.kepu.media.moderation;

import org.eclipse.microprofile.graphql.Description;

@Description("Why a moderator decided as they did; shown to the entrant with the note.")
public enum ReasonCode {
    /** Approvals carry this code. */
    OK,
    SCIENTIFIC_ERROR,
    UNSAFE_CONTENT,
    POLITICAL_SENSITIVITY,
    PRIVACY_OR_CONSENT,
    COPYRIGHT,
    ADVERTISING,
    OFF_TOPIC,
    LOW_QUALITY_MEDIA,
    /**
     * The content itself shows who made it (a name, school or face drawn or filmed into a poster or video), which
     * would break blind judging: sent back before judging so the entrant can remove it.
     */
    IDENTITY_IN_CONTENT,
    OTHER
}
