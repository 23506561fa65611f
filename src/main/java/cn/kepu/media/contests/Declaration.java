package cn.kepu.media.contests;

import java.util.Arrays;
import org.eclipse.microprofile.graphql.Description;

@Description("Declarations an entrant makes when submitting.")
public enum Declaration {
    /** The work is the entrant's own. */
    ORIGINALITY,
    /** People shown in the work consented to it. */
    CONSENT_OF_PEOPLE_SHOWN,
    /** Awarded works may be used by media outlets under the work's licence and credit line. */
    MEDIA_LICENCE_GRANT;

    static String[] names(Declaration... declarations) {
        return Arrays.stream(declarations).map(Enum::name).toArray(String[]::new);
    }
}
