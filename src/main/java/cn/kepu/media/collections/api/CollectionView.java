package cn.kepu.media.collections.api;

import cn.kepu.media.collections.WorkCollection;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Collection")
@Description("A collection (专题) of published works curated by the organizers; works are batch-resolved.")
public record CollectionView(@Id @NonNull String id, @NonNull String title, String titleEn,
        @NonNull String description, @NonNull Instant createdAt, @NonNull Instant updatedAt, int version) {

    public static CollectionView of(WorkCollection c) {
        return new CollectionView(c.id.toString(), c.title, c.titleEn, c.description, c.createdAt, c.updatedAt,
                Math.toIntExact(c.version));
    }
}
