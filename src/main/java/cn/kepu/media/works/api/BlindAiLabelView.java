package cn.kepu.media.works.api;

import cn.kepu.media.works.AiLabel;
import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.AiUse;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** The AI label without anything that could identify the entrant (no note, no producer): for judges. */
@Name("BlindAiLabel")
@Description("Whether an entry is AI-generated content: the label only, nothing about who made it.")
public record BlindAiLabelView(
        @Description("What the entrant declared; null while undeclared.") AiUse declared,
        @NonNull @Description("What the files' metadata say.") List<@NonNull AiLabelKind> detected,
        boolean aiGenerated) {

    public static BlindAiLabelView of(AiLabel label) {
        return new BlindAiLabelView(label.declared(), label.detected(), label.aiGenerated());
    }
}
