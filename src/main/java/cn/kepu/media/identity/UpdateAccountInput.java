package cn.kepu.media.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Description("Changes to the caller's own account; fields left out stay as they are.")
@Input("UpdateAccountInput")
public record UpdateAccountInput(
        @Description("Where notifications go.") @Email @Size(max = 254) String email,
        @Description("Language of notifications.") Language language) {
}
