package cn.kepu.media.works.api;

import cn.kepu.media.shared.graphql.GraphQLLimits;
import cn.kepu.media.shared.paging.Cursor;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import cn.kepu.media.works.Brand;
import cn.kepu.media.works.BrandInput;
import cn.kepu.media.works.BrandKind;
import cn.kepu.media.works.BrandService;
import cn.kepu.media.works.WorkThumbnails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
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

/** Brands and series: public page data, and their management by organizers and the brands' managers. */
@GraphQLApi
public class BrandGraphQL {

    private final BrandService brands;
    private final GraphQLLimits limits;

    public BrandGraphQL(BrandService brands, GraphQLLimits limits) {
        this.brands = brands;
        this.limits = limits;
    }

    @Query("brand")
    @Description("One brand by id (public); NOT_FOUND when it does not exist.")
    public @NonNull BrandView brand(@NonNull @Id @Name("id") String id) {
        return BrandView.of(brands.get(id));
    }

    @Query("brands")
    @Description("Brands and series, newest first, as a Relay connection (public).")
    public @NonNull BrandConnection brands(
            @Size(max = 100) @Description("Part of the Chinese or English name.") String query,
            @Size(max = 200) @Description("The owner organisation, exactly.") String organization,
            @Size(max = 10) List<BrandKind> kinds, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        Page<Brand> found = brands.list(query, organization, kinds, page);
        return new BrandConnection(
                found.items().stream()
                        .map(b -> new BrandConnection.BrandEdge(cursorOf(b).encode(), BrandView.of(b))).toList(),
                found.pageInfo(BrandGraphQL::cursorOf, page.after().isPresent()));
    }

    @Mutation("createBrand")
    @Description("Creates a brand or series (ORGANIZER).")
    public @NonNull BrandView createBrand(@NonNull @Valid BrandInput input) {
        return BrandView.of(brands.create(input));
    }

    @Mutation("updateBrand")
    @Description("Replaces a brand's fields (ORGANIZER, or one of its managers); version must be the one last read.")
    public @NonNull BrandView updateBrand(@NonNull @Id String id, int version, @NonNull @Valid BrandInput input) {
        return BrandView.of(brands.update(id, version, input));
    }

    @Description("The logo: renditions of the brand's logo image; null when it has none, or while the work it "
            + "comes from is not public (unpublished, taken down, embargoed).")
    public List<MediaPreviewView> logo(@Source List<BrandView> views) {
        Map<UUID, WorkThumbnails.Preview> logos = brands.logos(brands.byIds(ids(views)).values());
        return views.stream().map(v -> {
            WorkThumbnails.Preview p = logos.get(UUID.fromString(v.id()));
            return p == null ? null : MediaPreviewView.of(p);
        }).toList();
    }

    @Description("How many published works belong to the brand.")
    public @NonNull List<@NonNull Integer> publishedWorkCount(@Source List<BrandView> views) {
        Map<UUID, Long> counts = brands.publishedWorkCounts(ids(views));
        return views.stream().map(v -> Math.toIntExact(counts.getOrDefault(UUID.fromString(v.id()), 0L))).toList();
    }

    @Description("Accounts that may edit the brand and file works under it; visible to organizers and the "
            + "managers, null for everyone else.")
    public List<List<@NonNull String>> managerIds(@Source List<BrandView> views) {
        Map<UUID, Brand> loaded = brands.byIds(ids(views));
        return views.stream().map(v -> {
            Brand b = loaded.get(UUID.fromString(v.id()));
            return b == null || !brands.mayViewManagers(b) ? null
                    : Arrays.stream(b.managerIds).map(UUID::toString).toList();
        }).toList();
    }

    @Description("The id of the logo's image file (from completeUpload), to pass back in updateBrand to keep the logo;"
            + " visible to organizers and the brand's managers, null for everyone else and when there is no logo.")
    public List<String> logoAssetId(@Source List<BrandView> views) {
        Map<UUID, Brand> loaded = brands.byIds(ids(views));
        return views.stream().map(v -> {
            Brand b = loaded.get(UUID.fromString(v.id()));
            return b == null || b.logoAssetId == null || !brands.mayViewManagers(b) ? null : b.logoAssetId.toString();
        }).toList();
    }

    private static List<UUID> ids(List<BrandView> views) {
        return views.stream().map(v -> UUID.fromString(v.id())).distinct().toList();
    }

    private static Cursor cursorOf(Brand brand) {
        return new Cursor(brand.createdAt, brand.id);
    }
}
