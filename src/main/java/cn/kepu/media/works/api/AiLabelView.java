package cn.kepu.media.works.api;

import cn.kepu.media.works.AiLabel;
import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.AiLabelSource;
import cn.kepu.media.works.AiUse;
import cn.kepu.media.works.DetectedAiLabel;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A work's AI label as moderators, owners and media outlets see it. */
@Name("AiLabel")
@Description("""
        Whether the work is AI-generated content (China's labelling rules for synthetic content, GB 45438-2025): what \
        the entrant declared, what the files' metadata say, and whether the two disagree.""")
public record AiLabelView(
        @Description("What the entrant declared; null while undeclared.") AiUse declared,
        @Description("How AI was used, in the entrant's words.") String declaredNote,
        @NonNull @Description("The labels found in the files' metadata when they were verified.")
        List<@NonNull DetectedAiLabelView> detected,
        @Description("Declared or detected: show the work as AI-generated content.") boolean aiGenerated,
        @Description("A file's metadata says AI made it but the entrant declared no AI use.") boolean mismatch) {

    public static AiLabelView of(AiUse declared, String note, List<DetectedAiLabel> detected) {
        AiLabel label = AiLabel.of(declared, detected);
        return new AiLabelView(declared, note, detected.stream().map(DetectedAiLabelView::of).toList(),
                label.aiGenerated(), label.mismatch());
    }

    @Name("DetectedAiLabel")
    @Description("The implicit AI label of one file.")
    public record DetectedAiLabelView(
            @NonNull AiLabelKind kind,
            @NonNull @Description("Where in the metadata it was found.") List<@NonNull AiLabelSource> sources,
            @Description("The generating service named by the national standard's label (ContentProducer).")
            String producer) {

        static DetectedAiLabelView of(DetectedAiLabel label) {
            return new DetectedAiLabelView(label.kind(), label.sources(), label.producer());
        }
    }
}
