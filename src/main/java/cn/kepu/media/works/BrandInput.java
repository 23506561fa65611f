package cn.kepu.media.works;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("BrandInput")
@Description("A science-popularisation brand or series; updateBrand replaces all fields.")
public record BrandInput(
        @NonNull @NotBlank @Size(max = 100) String name,
        @Size(max = 200) String nameEn,
        @NonNull @NotBlank @Size(max = 200) @Description("The organisation the brand belongs to.")
        String ownerOrganization,
        @NonNull @NotNull BrandKind kind,
        @Size(max = 5000) String description,
        @Size(max = 8000) String descriptionEn,
        @Description("A verified image file (its id, from completeUpload) whose renditions are the logo.")
        String logoAssetId,
        @Size(max = 50) @Description("Accounts that may edit the brand and file their works under it; only "
                + "organizers set them (omitted keeps the current ones).") List<String> managerIds) {
}
