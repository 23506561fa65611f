package cn.kepu.media.contests.api;

import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionEvents;
import cn.kepu.media.contests.SubmissionService;
import cn.kepu.media.identity.Role;
import cn.kepu.media.identity.Subscribers;
import cn.kepu.media.works.api.WorkView;
import cn.kepu.media.works.api.WorkViews;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
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
public class SubmissionGraphQL {

    private final SubmissionService submissions;
    private final WorkViews workViews;
    private final SubmissionEvents events;
    private final Subscribers subscribers;

    public SubmissionGraphQL(SubmissionService submissions, WorkViews workViews, SubmissionEvents events,
            Subscribers subscribers) {
        this.submissions = submissions;
        this.workViews = workViews;
        this.events = events;
        this.subscribers = subscribers;
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

    @Description("The submitted work. Its entrant, moderators and organizers see it whatever its status.")
    public @NonNull List<@NonNull WorkView> work(@Source List<SubmissionView> views) {
        Map<UUID, UUID> workOf = submissions.workIdsOf(views.stream().map(SubmissionView::submissionId).toList());
        Map<UUID, WorkView> works = workViews.byIds(workOf.values());
        return views.stream().map(v -> works.get(workOf.get(v.submissionId()))).toList();
    }

    @Subscription("submissionStatusChanged")
    @Description("ENTRANT: your submissions, each time one changes (moderation, withdrawal, publication).")
    public Multi<SubmissionView> submissionStatusChanged() {
        return subscribers.require(Role.ENTRANT).onItem().transformToMulti(me -> events.submissionsOf(me)
                .map(e -> SubmissionView.of((Submission) Submission.findById(e.submissionId()))));
    }
}
