package cn.kepu.media.works.api;

import cn.kepu.media.works.Brand;
import cn.kepu.media.works.BrandKind;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A brand as its public page shows it; logo, work count and managers are batch-resolved in {@link BrandGraphQL}. */
@Name("Brand")
@Description("An organisation's science-popularisation brand or series (网络科普品牌) that works belong to. Its "
        + "works: searchWorks(filter: {brandIds: [id]}).")
public record BrandView(
        @Id @NonNull String id,
        @NonNull @Description("Name in Chinese.") String name,
        @Description("Name in English, if given.") String nameEn,
        @NonNull String ownerOrganization,
        @NonNull BrandKind kind,
        @NonNull String description,
        String descriptionEn,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt,
        @Description("Optimistic-locking version: pass it back to updateBrand.") int version) {

    public static BrandView of(Brand brand) {
        return new BrandView(brand.id.toString(), brand.name, brand.nameEn, brand.ownerOrganization, brand.kind,
                brand.description, brand.descriptionEn, brand.createdAt, brand.updatedAt,
                Math.toIntExact(brand.version));
    }
}
