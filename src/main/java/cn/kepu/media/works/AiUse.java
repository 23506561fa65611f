package cn.kepu.media.works;

import org.eclipse.microprofile.graphql.Description;

/** What the entrant declares about AI in making the work (China's synthetic-content labelling rules, 2025-09-01). */
@Description("Whether and how AI was used to make the work, as the entrant declares it.")
public enum AiUse {
    /** Made without generative AI. */
    NONE,
    /** Made by people with AI help (parts generated, retouched, voiced or translated by AI). */
    ASSISTED,
    /** Generated or synthesised by AI as a whole. */
    GENERATED;

    /** Whether the declaration says AI made the content or part of it. */
    public boolean aiMade() {
        return this != NONE;
    }
}
