package cn.kepu.media.publishing.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("RequestPublicationInput")
public record RequestPublicationInput(
        @NonNull @Id String workId,
        @Size(max = 2000) @Description("Anything the moderators should know.") String note,
        @Size(max = 200) @Description("ORGANIZER only: the organisation the request is made for; required when the "
                + "organizer does not own the work.") String onBehalfOf) {
}
