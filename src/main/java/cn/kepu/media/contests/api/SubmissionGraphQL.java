package cn.kepu.media.contests.api;

import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionService;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.judging.Award;
import cn.kepu.media.moderation.ModerationDecision;
import cn.kepu.media.moderation.ModerationService;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.api.WorkView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class SubmissionGraphQL {

    private final SubmissionService submissions;
    private final Caller caller;

    public SubmissionGraphQL(SubmissionService submissions, Caller caller) {
        this.submissions = submissions;
        this.caller = caller;
    }

    @Mutation("submitEntry")
    @Description("ENTRANT: submits an own draft work to a contest category inside the window; media must meet the"
            + " category's rules as probed. The submission starts IN_MODERATION.")
    public @NonNull SubmissionView submitEntry(@NonNull SubmitEntryInput input) {
        return SubmissionView.of(submissions.submit(input.contestId(), input.categoryCode(), input.workId(),
                input.declarations()));
    }

    @Mutation("updateSubmission")
    @Description("ENTRANT: replaces the work or changes the category before the deadline; back to moderation.")
    public @NonNull SubmissionView updateSubmission(@NonNull @Id String id, @NonNull UpdateSubmissionInput input) {
        return SubmissionView.of(submissions.update(id, input.categoryCode(), input.workId()));
    }

    @Mutation("withdrawSubmission")
    @Description("ENTRANT: withdraws an own submission (before results are published).")
    public @NonNull SubmissionView withdrawSubmission(@NonNull @Id String id) {
        return SubmissionView.of(submissions.withdraw(id));
    }

    @Query("mySubmissions")
    @Description("ENTRANT: own submissions with status, moderation note and (after publication) award.")
    public @NonNull List<@NonNull SubmissionView> mySubmissions(@Id String contestId) {
        return SubmissionView.of(submissions.mine(contestId));
    }

    public @NonNull List<@NonNull WorkView> work(@Source List<SubmissionView> views) {
        Map<UUID, UUID> workOf = new HashMap<>();
        Submission.<Submission>list("id in ?1", views.stream().map(SubmissionView::submissionId).toList())
                .forEach(s -> workOf.put(s.id, s.workId));
        Map<UUID, Work> byId = new HashMap<>();
        Work.<Work>list("id in ?1", Set.copyOf(workOf.values())).forEach(w -> byId.put(w.id, w));
        return views.stream().map(v -> WorkView.of(byId.get(workOf.get(v.submissionId())))).toList();
    }

    @Description("The latest moderation decision, if any.")
    public List<ModerationNoteView> moderation(@Source List<SubmissionView> views) {
        Map<UUID, ModerationDecision> latest = ModerationService.latestOf(
                views.stream().map(SubmissionView::submissionId).toList());
        return views.stream().map(v -> {
            ModerationDecision d = latest.get(v.submissionId());
            return d == null ? null : ModerationNoteView.of(d);
        }).toList();
    }

    @Description("The award tier: for entrants only once results are published; never scores or ranks.")
    public List<AwardView> award(@Source List<SubmissionView> views) {
        boolean staff = caller.hasAny(Role.ORGANIZER, Role.MODERATOR);
        Map<UUID, Award> awards = new HashMap<>();
        Award.<Award>list("submissionId in ?1", views.stream().map(SubmissionView::submissionId).toList())
                .forEach(a -> awards.put(a.submissionId, a));
        Map<UUID, Boolean> published = new HashMap<>();
        Contest.<Contest>list("id in ?1", views.stream().map(v -> UUID.fromString(v.contestId())).distinct().toList())
                .forEach(c -> published.put(c.id, c.resultsPublished()));
        return views.stream().map(v -> {
            Award a = awards.get(v.submissionId());
            boolean visible = staff || published.getOrDefault(UUID.fromString(v.contestId()), false);
            return a == null || !visible ? null : AwardView.of(a.tier);
        }).toList();
    }
}
