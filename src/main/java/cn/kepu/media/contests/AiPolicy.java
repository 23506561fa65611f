package cn.kepu.media.contests;

import org.eclipse.microprofile.graphql.Description;

@Description("Whether a contest category takes AI-generated content (declared by the entrant or labelled in a file).")
public enum AiPolicy {
    /** Any entry. */
    ALLOWED,
    /** No AI-generated content: a declared AI use or an AI label in a file refuses the entry. */
    FORBIDDEN,
    /** Only AI-generated content (an AIGC category): the entrant must declare AI use or a file must carry a label. */
    REQUIRED
}
