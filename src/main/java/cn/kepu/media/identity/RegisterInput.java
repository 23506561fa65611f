package cn.kepu.media.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Profile of a new account; the identity provider has already authenticated the caller.")
@Input("RegisterInput")
public record RegisterInput(
        @NonNull @NotBlank @Size(max = 100) String displayName,
        @Size(max = 200) String organization,
        @NonNull @NotNull OrganizationType organizationType,
        @NonNull @NotNull Region region,
        @Description("Where notifications go; defaults to the verified e-mail address the identity provider's token carries.")
        @Email @Size(max = 254) String email,
        @Description("Language of notifications; defaults to the token's locale, else Chinese.")
        Language language) {
}
