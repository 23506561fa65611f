package cn.kepu.media.contests.api;

import cn.kepu.media.contests.AiPolicy;
import cn.kepu.media.contests.ContestCategory;
import cn.kepu.media.works.WorkKind;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("ContestCategory")
@Description("A category with the media rules checked against probed files.")
public record CategoryView(
        @NonNull String code,
        @NonNull String name,
        @NonNull List<@NonNull WorkKind> acceptedKinds,
        @NonNull List<@NonNull String> mimeTypes,
        Long maxSizeBytes,
        Integer minWidth,
        Integer minHeight,
        Double maxDurationSeconds,
        @NonNull List<@NonNull String> aspectRatios,
        @NonNull @Description("Whether AI-generated entries are taken.") AiPolicy aiPolicy) {

    public static CategoryView of(ContestCategory c) {
        return new CategoryView(c.code, c.name, Arrays.stream(c.acceptedKinds).map(WorkKind::valueOf).toList(),
                List.of(c.mimeTypes), c.maxSizeBytes, c.minWidth, c.minHeight, c.maxDurationSeconds,
                List.of(c.aspectRatios), c.aiPolicy);
    }
}
