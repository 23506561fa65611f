package cn.kepu.media.collections;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CollectionInput")
@Description("A collection (专题): title, optional English title and description, and its works in order.")
public record CollectionInput(
        @NonNull @NotBlank @Size(max = 200) String title,
        @Size(max = 300) String titleEn,
        @Size(max = 5000) String description,
        @NonNull @NotNull @Description("Published works, in the order the collection shows them.")
        @Id List<@NonNull String> workIds) {
}
