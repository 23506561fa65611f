package cn.kepu.media.publishing.api;

import cn.kepu.media.moderation.Decision;
import cn.kepu.media.moderation.ReasonCode;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ModeratePublicationInput")
public record ModeratePublicationInput(
        @NonNull @Id String requestId,
        @NonNull Decision decision,
        @NonNull ReasonCode reasonCode,
        @Size(max = 2000) String note,
        @Description("APPROVE only: publish at this time instead of now (embargo); until then the work is invisible "
                + "to the public everywhere. At most 366 days ahead; a past time publishes now.") Instant releaseAt) {
}
