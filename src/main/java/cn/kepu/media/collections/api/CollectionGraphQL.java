package cn.kepu.media.collections.api;

import cn.kepu.media.collections.CollectionInput;
import cn.kepu.media.collections.CollectionService;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.api.WorkView;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class CollectionGraphQL {

    private static final int MAX_COLLECTIONS = 100;

    private final CollectionService collections;

    public CollectionGraphQL(CollectionService collections) {
        this.collections = collections;
    }

    @Query("collections")
    @Description("Collections (专题), newest first (at most 100).")
    public @NonNull List<@NonNull CollectionView> collections() {
        return collections.list(MAX_COLLECTIONS).stream().map(CollectionView::of).toList();
    }

    @Query("collection")
    @Description("One collection by id; NOT_FOUND when it does not exist.")
    public @NonNull CollectionView collection(@NonNull @Id @Name("id") String id) {
        return CollectionView.of(collections.get(id));
    }

    @Mutation("createCollection")
    @Description("Creates a collection of published works (ORGANIZER).")
    public @NonNull CollectionView createCollection(@NonNull @Valid CollectionInput input) {
        return CollectionView.of(collections.create(input));
    }

    @Mutation("updateCollection")
    @Description("Replaces a collection's fields and works (ORGANIZER); version must be the one last read.")
    public @NonNull CollectionView updateCollection(@NonNull @Id String id, int version,
            @NonNull @Valid CollectionInput input) {
        return CollectionView.of(collections.update(id, version, input));
    }

    @Mutation("deleteCollection")
    @Description("Deletes a collection (ORGANIZER); its works stay.")
    public boolean deleteCollection(@NonNull @Id String id) {
        return collections.delete(id);
    }

    @Description("Member works in curated order that the caller may see.")
    public @NonNull List<@NonNull List<@NonNull WorkView>> works(@Source List<CollectionView> views) {
        Map<UUID, List<Work>> works = collections.worksOf(
                views.stream().map(v -> UUID.fromString(v.id())).distinct().toList());
        return views.stream()
                .map(v -> works.getOrDefault(UUID.fromString(v.id()), List.of()).stream().map(WorkView::of).toList())
                .toList();
    }
}
