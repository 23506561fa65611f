package cn.kepu.media.media.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CompletedPartInput")
@Description("A part the client stored: its number and the ETag header the store answered its PUT with.")
public record CompletedPartInput(
        @Positive int partNumber,
        @NonNull @NotBlank @Size(max = 200) @Description("The ETag response header of the part's PUT, as sent.")
        String etag) {
}
