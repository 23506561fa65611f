package cn.kepu.media.moderation;

import org.eclipse.microprofile.graphql.Description;

@Description("ENTRY: before judging. PUBLICATION: before an awarded work goes public.")
public enum ModerationStage {
    ENTRY, PUBLICATION
}
