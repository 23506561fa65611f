package cn.kepu.media.moderation.api;

import cn.kepu.media.moderation.Decision;
import cn.kepu.media.moderation.ModerationDecision;
import cn.kepu.media.moderation.ModerationStage;
import cn.kepu.media.moderation.ReasonCode;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("ModerationNote")
@Description("The latest moderation decision on a submission, as its entrant is told it (no moderator identity).")
public record ModerationNoteView(@NonNull ModerationStage stage, @NonNull Decision decision,
        @NonNull ReasonCode reasonCode, @NonNull String note, @NonNull Instant decidedAt) {

    public static ModerationNoteView of(ModerationDecision d) {
        return new ModerationNoteView(d.stage, d.decision, d.reasonCode, d.note, d.decidedAt);
    }
}
