package cn.kepu.media.works;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CreatorInput")
public record CreatorInput(
        @NonNull @NotBlank @Size(max = 100) String name,
        @Size(max = 150) String nameEn,
        @Size(max = 200) String affiliation,
        @Size(max = 50) String role) {
}
