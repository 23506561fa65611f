package cn.kepu.media.works.api;

import cn.kepu.media.shared.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;

public record WorkConnection(@NonNull List<@NonNull WorkEdge> edges, @NonNull PageInfo pageInfo, int totalCount) {

    public record WorkEdge(@NonNull String cursor, @NonNull WorkView node) {
    }
}
