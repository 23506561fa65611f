package cn.kepu.media.works.api;

import cn.kepu.media.shared.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("BrandConnection")
public record BrandConnection(@NonNull List<@NonNull BrandEdge> edges, @NonNull PageInfo pageInfo) {

    @Name("BrandEdge")
    public record BrandEdge(@NonNull String cursor, @NonNull BrandView node) {
    }
}
