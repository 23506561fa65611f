package cn.kepu.media.judging.api;

import cn.kepu.media.contests.SubmissionReads;
import cn.kepu.media.contests.api.ContestView;
import cn.kepu.media.contests.api.ContestViews;
import cn.kepu.media.contests.api.SubmissionView;
import cn.kepu.media.identity.Role;
import cn.kepu.media.identity.Subscribers;
import cn.kepu.media.judging.Aggregation;
import cn.kepu.media.judging.Assignment;
import cn.kepu.media.judging.AwardTier;
import cn.kepu.media.judging.BlindScoring;
import cn.kepu.media.judging.JudgeEntryService;
import cn.kepu.media.judging.JudgingEvents;
import cn.kepu.media.judging.JudgingService;
import cn.kepu.media.judging.ResultsService;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.works.api.WorkView;
import cn.kepu.media.works.api.WorkViews;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import io.smallrye.graphql.api.Subscription;

@GraphQLApi
public class JudgingGraphQL {

    private final JudgingService judging;
    private final JudgeEntryService judgeEntries;
    private final ResultsService results;
    private final JudgingEvents events;
    private final Subscribers subscribers;
    private final SubmissionReads submissionReads;
    private final ContestViews contestViews;
    private final WorkViews workViews;

    public JudgingGraphQL(JudgingService judging, JudgeEntryService judgeEntries, ResultsService results,
            JudgingEvents events, Subscribers subscribers, SubmissionReads submissionReads, ContestViews contestViews,
            WorkViews workViews) {
        this.judgeEntries = judgeEntries;
        this.submissionReads = submissionReads;
        this.contestViews = contestViews;
        this.workViews = workViews;
        this.judging = judging;
        this.results = results;
        this.events = events;
        this.subscribers = subscribers;
    }

    // ---- organizers -------------------------------------------------------------------------------------------

    @Mutation("setJudgePanel")
    @Description("ORGANIZER: replaces the contest's judge panel (categories covered, load caps).")
    public boolean setJudgePanel(@NonNull @Id String contestId, @NonNull List<@NonNull @Valid PanelJudgeInput> judges) {
        judging.setPanel(contestId, judges.stream().map(j -> new JudgingService.PanelMember(
                Ids.parse(j.judgeId(), "judges.judgeId"), j.categoryCodes(), j.maxLoad())).toList());
        return true;
    }

    @Mutation("assignJudge")
    @Description("ORGANIZER: assigns one judge to one entry by hand; conflicts are refused.")
    public @NonNull AssignmentView assignJudge(@NonNull @Id String roundId, @NonNull @Id String submissionId,
            @NonNull @Id String judgeId) {
        return view(judging.assign(roundId, submissionId, judgeId));
    }

    @Mutation("autoAssign")
    @Description("ORGANIZER: gives every entry of the round its judges, balanced, never a conflict.")
    public @NonNull AutoAssignResult autoAssign(@NonNull @Id String roundId) {
        JudgingService.AutoAssignResult r = judging.autoAssign(roundId);
        return new AutoAssignResult(r.added(), r.understaffed().stream().map(UUID::toString).toList(), r.minLoad(),
                r.maxLoad());
    }

    @Query("roundResults")
    @Description("ORGANIZER: the round's entries ranked by the method, with spread and disagreement flags.")
    public @NonNull List<@NonNull RoundResult> roundResults(@NonNull @Id String roundId,
            @DefaultValue("WEIGHTED_MEAN") Aggregation.Method method) {
        return resultViews(results.results(roundId, method));
    }

    @Mutation("shortlist")
    @Description("ORGANIZER: advances the round's top entries (the round's shortlist size) to the next round.")
    public @NonNull List<@NonNull RoundResult> shortlist(@NonNull @Id String roundId,
            @DefaultValue("WEIGHTED_MEAN") Aggregation.Method method) {
        return resultViews(results.shortlist(roundId, method));
    }

    @Mutation("assignAward")
    @Description("ORGANIZER: sets an entry's award tier, or removes it when tier is null.")
    public SubmissionView assignAward(@NonNull @Id String submissionId, AwardTier tier) {
        results.award(submissionId, tier);
        return SubmissionView.of(submissionReads.byId(Ids.parse(submissionId, "submissionId")));
    }

    @Mutation("publishResults")
    @Description("ORGANIZER: publishes awards; awarded works (after publication review) become PUBLISHED.")
    public @NonNull List<@NonNull PublicAward> publishResults(@NonNull @Id String contestId) {
        results.publish(contestId);
        return contestAwards(contestId);
    }

    @Mutation("unpublishResults")
    @Description("ORGANIZER: a correction: takes published results back (awarded works leave the public) so awards"
            + " can be changed and published again; the reason is audited.")
    public @NonNull ContestView unpublishResults(@NonNull @Id String contestId, @NonNull String reason) {
        results.unpublish(contestId, reason);
        return contestViews.byId(contestId);
    }

    @Query("contestAwards")
    @Description("Everyone: the awarded works of a contest with their tiers, once results are published.")
    public @NonNull List<@NonNull PublicAward> contestAwards(@NonNull @Id String contestId) {
        List<ResultsService.AwardedWork> awards = results.publicAwardsWithWorks(contestId);
        if (awards.isEmpty()) {
            return List.of();
        }
        Map<UUID, WorkView> works = workViews.byIds(awards.stream().map(ResultsService.AwardedWork::workId).toList());
        return awards.stream().map(a -> new PublicAward(a.tier(), a.tier().nameZh(), works.get(a.workId()))).toList();
    }

    // ---- judges -----------------------------------------------------------------------------------------------

    @Mutation("declareConflict")
    @Description("JUDGE: declares a tie to an organization; its entries are unassigned and never assigned to you."
            + " Returns how many assignments were removed.")
    public int declareConflict(@NonNull @Id String contestId, @NonNull String organization, String note) {
        return judging.declareConflict(contestId, organization, note);
    }

    @Mutation("recuse")
    @Description("JUDGE: steps back from an assigned entry; the assignment is removed.")
    public boolean recuse(@NonNull @Id String assignmentId, String note) {
        judging.recuse(assignmentId, note);
        return true;
    }

    @Mutation("submitScore")
    @Description("JUDGE: scores every criterion of an assigned entry; a new revision is appended each time.")
    public @NonNull JudgeEntry submitScore(@NonNull @Id String assignmentId,
            @NonNull List<@NonNull @Valid ScoreItemInput> items) {
        return view(judgeEntries.submitScore(assignmentId, items.stream()
                .map(i -> new JudgingService.Item(i.criterion(), i.value(), i.comment())).toList()));
    }

    @Query("myAssignments")
    @Description("JUDGE: your assigned entries in a contest, blind.")
    public @NonNull List<@NonNull JudgeEntry> myAssignments(@NonNull @Id String contestId) {
        return judgeEntries.myEntries(contestId).stream().map(JudgingGraphQL::view).toList();
    }

    @Query("myJudgingProgress")
    @Description("JUDGE: how many of your assignments in the contest you have scored.")
    public @NonNull JudgeProgress myJudgingProgress(@NonNull @Id String contestId) {
        JudgeEntryService.Progress p = judgeEntries.myProgress(contestId);
        return new JudgeProgress(contestId, p.assigned(), p.scored(), p.assigned() - p.scored());
    }

    @ActivateRequestContext // also resolved for subscription events
    @Description("The award tier: for entrants only once results are published; never scores or ranks.")
    public List<AwardView> award(@Source List<SubmissionView> views) {
        Map<UUID, AwardTier> tiers = results.visibleAwardsOf(views.stream().map(SubmissionView::submissionId).toList());
        return views.stream().map(v -> {
            AwardTier tier = tiers.get(v.submissionId());
            return tier == null ? null : AwardView.of(tier);
        }).toList();
    }

    // ---- subscriptions ----------------------------------------------------------------------------------------

    @Subscription("assignmentAdded")
    @Description("JUDGE: each new assignment of yours, blind.")
    public Multi<JudgeEntry> assignmentAdded() {
        return subscribers.require(Role.JUDGE).onItem().transformToMulti(me -> events.assignmentsOf(me)
                .map(e -> judgeEntries.added(e.assignmentId())).filter(java.util.Optional::isPresent)
                .map(e -> view(e.get())));
    }

    // ---- mapping ----------------------------------------------------------------------------------------------

    private List<RoundResult> resultViews(List<Aggregation.Result> ranked) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        Map<String, SubmissionView> views = byId(SubmissionView.of(
                submissionReads.byIds(ranked.stream().map(Aggregation.Result::entryId).toList())), SubmissionView::id);
        return ranked.stream().map(r -> new RoundResult(r.rank(), r.score(), r.mean(), r.median(), r.spread(),
                r.judgeCount(), r.disagreement(), views.get(r.entryId().toString()))).toList();
    }

    private static JudgeEntry view(JudgeEntryService.Entry e) {
        BlindScoring.OwnScore mine = e.scores().mine();
        return new JudgeEntry(e.assignmentId().toString(), e.entryCode(), e.roundNumber(), e.roundName(),
                e.categoryName(), e.kind(), e.title(), e.description(),
                mine == null ? null : new JudgeScore(mine.revision(), mine.submittedAt(), mine.total(),
                        items(mine.items())),
                e.scores().peers().stream().map(p -> new PeerScore(p.judgeLabel(), p.total(), items(p.items())))
                        .toList());
    }

    private static List<ScoreItem> items(List<JudgingService.Item> items) {
        return items.stream().map(i -> new ScoreItem(i.criterion(), i.value(), i.comment())).toList();
    }

    private static AssignmentView view(Assignment a) {
        return new AssignmentView(a.id.toString(), a.roundId.toString(), a.submissionId.toString(),
                a.judgeId.toString(), a.automatic);
    }

    private static <K, V> Map<K, V> byId(List<V> rows, Function<V, K> key) {
        Map<K, V> map = new HashMap<>();
        rows.forEach(r -> map.put(key.apply(r), r));
        return map;
    }

}
