package cn.kepu.media.moderation.api;

import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.api.SubmissionView;
import cn.kepu.media.moderation.ModerationDecision;
import cn.kepu.media.moderation.ModerationService;
import cn.kepu.media.moderation.ModerationStage;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class ModerationGraphQL {

    private final ModerationService moderation;

    public ModerationGraphQL(ModerationService moderation) {
        this.moderation = moderation;
    }

    @Query("moderationQueue")
    @Description("MODERATOR: submissions waiting for a decision at the stage, oldest first.")
    public @NonNull List<@NonNull SubmissionView> moderationQueue(@NonNull @Id String contestId,
            @NonNull ModerationStage stage) {
        return SubmissionView.of(moderation.queue(contestId, stage));
    }

    @Mutation("moderate")
    @Description("MODERATOR: approves or rejects a submission (ENTRY) or an awarded work (PUBLICATION).")
    public @NonNull SubmissionView moderate(@NonNull @Valid ModerateInput input) {
        ModerationDecision d = moderation.decide(input.submissionId(), input.stage(), input.decision(),
                input.reasonCode(), input.note());
        return SubmissionView.of((Submission) Submission.findById(d.submissionId));
    }

    @Description("The latest moderation decision, if any.")
    public List<ModerationNoteView> moderation(@Source List<SubmissionView> views) {
        Map<UUID, ModerationDecision> latest = moderation.latestOf(
                views.stream().map(SubmissionView::submissionId).toList());
        return views.stream().map(v -> {
            ModerationDecision d = latest.get(v.submissionId());
            return d == null ? null : ModerationNoteView.of(d);
        }).toList();
    }
}
