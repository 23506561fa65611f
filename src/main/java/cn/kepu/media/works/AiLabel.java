package cn.kepu.media.works;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A work's AI label: what its entrant declared and what its files' metadata say, and the two rules built on them.
 * Pure, so contest rules, search documents and the API agree.
 *
 * @param declared what the entrant declared, null while undeclared
 * @param detected the strongest label of each file that carries one
 */
public record AiLabel(AiUse declared, List<AiLabelKind> detected) {

    public AiLabel {
        detected = detected == null ? List.of() : detected.stream().filter(Objects::nonNull).distinct().toList();
    }

    public static AiLabel of(AiUse declared, Collection<DetectedAiLabel> labels) {
        return new AiLabel(declared, labels == null ? List.of() : labels.stream().map(DetectedAiLabel::kind).toList());
    }

    /** Some file's metadata says AI made it. */
    public boolean detectedAi() {
        return detected.stream().anyMatch(AiLabelKind::aiMade);
    }

    /** Declared or detected: the work must be shown as AI-generated content. */
    public boolean aiGenerated() {
        return (declared != null && declared.aiMade()) || detectedAi();
    }

    /** A file says AI made it but the entrant did not declare any AI use: moderators look at these first. */
    public boolean mismatch() {
        return detectedAi() && (declared == null || !declared.aiMade());
    }
}
