package cn.kepu.media.identity;

import org.eclipse.microprofile.graphql.Description;

/** What a caller may do; carried in the token's {@code groups} claim. Anonymous callers have none. */
@Description("Roles granted by the identity provider.")
public enum Role {
    /** Creates works and submits them to contests. */
    ENTRANT,
    /** Scores the entries assigned to them, blind. */
    JUDGE,
    /** Checks content safety before anything is judged or published. */
    MODERATOR,
    /** Runs contests, rounds, assignments, awards and collections. */
    ORGANIZER,
    /** A media outlet: searches published works and downloads originals under their licence. */
    MEDIA
}
