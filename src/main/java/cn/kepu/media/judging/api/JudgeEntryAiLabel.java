package cn.kepu.media.judging.api;

import cn.kepu.media.judging.JudgeEntryService;
import cn.kepu.media.works.AiLabel;
import cn.kepu.media.works.DetectedAiLabel;
import cn.kepu.media.works.WorkAiLabels;
import cn.kepu.media.works.WorkService;
import cn.kepu.media.works.api.BlindAiLabelView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Source;

/**
 * The AI label of a judge's entries, blind: the declaration and the label kinds only, never the entrant's note or
 * the producer named in the file. For the caller's own assignments of entries still in judging; three queries for
 * any number of entries.
 */
@GraphQLApi
public class JudgeEntryAiLabel {

    private final JudgeEntryService judgeEntries;
    private final WorkService works;
    private final WorkAiLabels aiLabels;

    public JudgeEntryAiLabel(JudgeEntryService judgeEntries, WorkService works, WorkAiLabels aiLabels) {
        this.judgeEntries = judgeEntries;
        this.works = works;
        this.aiLabels = aiLabels;
    }

    @Description("Whether the entry is AI-generated content (declared or labelled in its files); null when the "
            + "assignment is no longer yours.")
    public List<BlindAiLabelView> aiLabel(@Source List<JudgeEntry> entries) {
        Map<UUID, UUID> workOf = judgeEntries.blindWorksOf(
                entries.stream().map(e -> UUID.fromString(e.assignmentId())).distinct().toList());
        List<UUID> workIds = workOf.values().stream().distinct().toList();
        Map<UUID, WorkService.Labels> declared = works.labelsOf(workIds);
        Map<UUID, List<DetectedAiLabel>> detected = aiLabels.labelsOf(workIds);
        return entries.stream().map(e -> {
            UUID work = workOf.get(UUID.fromString(e.assignmentId()));
            if (work == null) {
                return null;
            }
            WorkService.Labels labels = declared.get(work);
            return BlindAiLabelView.of(AiLabel.of(labels == null ? null : labels.aiUse(),
                    detected.getOrDefault(work, List.of())));
        }).toList();
    }
}
