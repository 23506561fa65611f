package cn.kepu.media.works;

import cn.kepu.media.identity.Region;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("All fields of a work an owner edits; updateWork replaces them as a whole.")
@Input("WorkInput")
public record WorkInput(
        @NonNull @NotNull WorkKind kind,
        @NonNull @NotBlank @Size(max = 200) String title,
        @Size(max = 300) String titleEn,
        @Size(max = 5000) String description,
        @Size(max = 8000) String descriptionEn,
        @Size(max = 20) List<@Size(max = 30) String> tags,
        @NonNull @NotEmpty @Size(max = 3) @Description("Topic codes, see the topics query; one to three.")
        List<@NotBlank String> topics,
        @NonNull @NotNull Region region,
        @NonNull @NotEmpty @Size(max = 20) List<@NotNull @Valid CreatorInput> creators,
        @Size(max = 300) @Description("Defaults to the creators with their affiliations.") String creditLine,
        @NonNull @NotNull Licence licence,
        @Size(max = 6) @Description("Who the work is for; omitted keeps the current levels, [] clears them.")
        List<AudienceLevel> audienceLevels,
        @Description("Whether and how AI was used; omitted keeps the current declaration.") AiUse aiUse,
        @Size(max = 1000) @Description("How AI was used (tools, which parts); omitted keeps the current note.")
        String aiUseNote,
        @Description("The brand or series the work belongs to (you must manage it); omitted keeps it, \"\" removes "
                + "the work from its brand.") String brandId) {
}
