package cn.kepu.media.moderation.api;

import cn.kepu.media.moderation.Decision;
import cn.kepu.media.moderation.ModerationStage;
import cn.kepu.media.moderation.ReasonCode;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ModerateInput")
public record ModerateInput(
        @NonNull @Id String submissionId,
        @NonNull ModerationStage stage,
        @NonNull Decision decision,
        @NonNull ReasonCode reasonCode,
        @Size(max = 2000) String note) {
}
