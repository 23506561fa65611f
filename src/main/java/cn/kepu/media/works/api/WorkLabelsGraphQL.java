package cn.kepu.media.works.api;

import cn.kepu.media.works.AudienceLevel;
import cn.kepu.media.works.BrandService;
import cn.kepu.media.works.DetectedAiLabel;
import cn.kepu.media.works.WorkAiLabels;
import cn.kepu.media.works.WorkService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * The labels outlets and schools ask for, as fields of Work: audience levels, the AI label (declared and detected)
 * and the brand. Batch resolvers: one query per field per request whatever the number of works. Whoever may see a
 * work sees its labels (moderators, the owner, media outlets); judges see the blind label on their entries only.
 */
@GraphQLApi
public class WorkLabelsGraphQL {

    private final WorkService works;
    private final WorkAiLabels aiLabels;
    private final BrandService brands;

    public WorkLabelsGraphQL(WorkService works, WorkAiLabels aiLabels, BrandService brands) {
        this.works = works;
        this.aiLabels = aiLabels;
        this.brands = brands;
    }

    @Description("Who the work is for.")
    public @NonNull List<@NonNull List<@NonNull AudienceLevel>> audienceLevels(@Source List<WorkView> views) {
        Map<UUID, WorkService.Labels> labels = works.labelsOf(ids(views));
        return views.stream().map(v -> {
            WorkService.Labels l = labels.get(UUID.fromString(v.id()));
            return l == null ? List.<AudienceLevel>of() : l.audienceLevels();
        }).toList();
    }

    @Description("Whether the work is AI-generated content: the entrant's declaration and the labels in its files.")
    public @NonNull List<@NonNull AiLabelView> aiLabel(@Source List<WorkView> views) {
        List<UUID> ids = ids(views);
        Map<UUID, WorkService.Labels> labels = works.labelsOf(ids);
        Map<UUID, List<DetectedAiLabel>> detected = aiLabels.labelsOf(ids);
        return views.stream().map(v -> {
            UUID id = UUID.fromString(v.id());
            WorkService.Labels l = labels.get(id);
            return AiLabelView.of(l == null ? null : l.aiUse(), l == null ? null : l.aiUseNote(),
                    detected.getOrDefault(id, List.of()));
        }).toList();
    }

    @Description("The brand or series the work belongs to.")
    public List<BrandView> brand(@Source List<WorkView> views) {
        Map<UUID, WorkService.Labels> labels = works.labelsOf(ids(views));
        var loaded = brands.byIds(labels.values().stream().map(WorkService.Labels::brandId)
                .filter(Objects::nonNull).distinct().toList());
        return views.stream().map(v -> {
            WorkService.Labels l = labels.get(UUID.fromString(v.id()));
            return l == null || l.brandId() == null || !loaded.containsKey(l.brandId()) ? null
                    : BrandView.of(loaded.get(l.brandId()));
        }).toList();
    }

    private static List<UUID> ids(List<WorkView> views) {
        return views.stream().map(v -> UUID.fromString(v.id())).distinct().toList();
    }
}
