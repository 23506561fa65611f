package cn.kepu.media.judging.api;

import cn.kepu.media.contests.ContestCategory;
import cn.kepu.media.contests.ContestRound;
import cn.kepu.media.contests.RubricCriterion;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.api.SubmissionView;
import cn.kepu.media.identity.Role;
import cn.kepu.media.identity.Subscribers;
import cn.kepu.media.judging.Aggregation;
import cn.kepu.media.judging.Assignment;
import cn.kepu.media.judging.Award;
import cn.kepu.media.judging.AwardTier;
import cn.kepu.media.judging.JudgingEvents;
import cn.kepu.media.judging.JudgingService;
import cn.kepu.media.judging.ResultsService;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.api.WorkView;
import io.smallrye.mutiny.Multi;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    private final ResultsService results;
    private final JudgingEvents events;
    private final Subscribers subscribers;

    public JudgingGraphQL(JudgingService judging, ResultsService results, JudgingEvents events,
            Subscribers subscribers) {
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
        return SubmissionView.of((Submission) Submission.findById(Ids.parse(submissionId, "submissionId")));
    }

    @Mutation("publishResults")
    @Description("ORGANIZER: publishes awards; awarded works (after publication review) become PUBLISHED.")
    public @NonNull List<@NonNull PublicAward> publishResults(@NonNull @Id String contestId) {
        results.publish(contestId);
        return contestAwards(contestId);
    }

    @Query("contestAwards")
    @Description("Everyone: the awarded works of a contest with their tiers, once results are published.")
    public @NonNull List<@NonNull PublicAward> contestAwards(@NonNull @Id String contestId) {
        List<Award> awards = new ArrayList<>(results.publicAwards(contestId));
        if (awards.isEmpty()) {
            return List.of();
        }
        awards.sort(Comparator.comparing((Award a) -> a.tier).thenComparing(a -> a.submissionId));
        Map<UUID, UUID> workOf = new HashMap<>();
        Submission.<Submission>list("id in ?1", awards.stream().map(a -> a.submissionId).toList())
                .forEach(s -> workOf.put(s.id, s.workId));
        Map<UUID, Work> works = byId(Work.<Work>list("id in ?1", List.copyOf(workOf.values())), w -> w.id);
        return awards.stream().map(a -> new PublicAward(a.tier, a.tier.nameZh(),
                WorkView.of(works.get(workOf.get(a.submissionId))))).toList();
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
        judging.submitScore(assignmentId, items.stream()
                .map(i -> new JudgingService.Item(i.criterion(), i.value(), i.comment())).toList());
        Assignment assignment = Assignment.findById(Ids.parse(assignmentId, "assignmentId"));
        return judgeEntries(List.of(assignment)).get(0);
    }

    @Query("myAssignments")
    @Description("JUDGE: your assigned entries in a contest, blind.")
    public @NonNull List<@NonNull JudgeEntry> myAssignments(@NonNull @Id String contestId) {
        return judgeEntries(judging.myAssignments(contestId));
    }

    @Query("myJudgingProgress")
    @Description("JUDGE: how many of your assignments in the contest you have scored.")
    public @NonNull JudgeProgress myJudgingProgress(@NonNull @Id String contestId) {
        List<JudgeEntry> entries = judgeEntries(judging.myAssignments(contestId));
        int scored = (int) entries.stream().filter(e -> e.myScore() != null).count();
        return new JudgeProgress(contestId, entries.size(), scored, entries.size() - scored);
    }

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
                .map(e -> judgeEntries(List.of((Assignment) Assignment.findById(e.assignmentId()))).get(0)));
    }

    // ---- mapping ----------------------------------------------------------------------------------------------

    private List<RoundResult> resultViews(List<Aggregation.Result> ranked) {
        if (ranked.isEmpty()) {
            return List.of();
        }
        Map<String, SubmissionView> views = byId(SubmissionView.of(
                Submission.list("id in ?1", ranked.stream().map(Aggregation.Result::entryId).toList())),
                SubmissionView::id);
        return ranked.stream().map(r -> new RoundResult(r.rank(), r.score(), r.mean(), r.median(), r.spread(),
                r.judgeCount(), r.disagreement(), views.get(r.entryId().toString()))).toList();
    }

    /** Builds blind entries for the caller's assignments with a fixed number of queries, whatever their count. */
    private List<JudgeEntry> judgeEntries(List<Assignment> assignments) {
        if (assignments.isEmpty()) {
            return List.of();
        }
        Map<UUID, Submission> submissions = byId(Submission.list("id in ?1",
                assignments.stream().map(a -> a.submissionId).distinct().toList()), s -> s.id);
        Map<UUID, Work> works = byId(Work.list("id in ?1",
                submissions.values().stream().map(s -> s.workId).distinct().toList()), w -> w.id);
        Map<UUID, ContestCategory> categories = byId(ContestCategory.list("id in ?1",
                submissions.values().stream().map(s -> s.categoryId).distinct().toList()), c -> c.id);
        Map<UUID, ContestRound> rounds = byId(ContestRound.list("id in ?1",
                assignments.stream().map(a -> a.roundId).distinct().toList()), r -> r.id);
        UUID contestId = rounds.values().iterator().next().contestId;
        List<Aggregation.Criterion> criteria = RubricCriterion.ofContest(contestId).stream()
                .map(c -> new Aggregation.Criterion(c.code, c.weight, c.scaleMax)).toList();
        UUID me = assignments.get(0).judgeId;
        Map<UUID, List<JudgingService.Score>> scoresByRound = new HashMap<>();
        assignments.stream().collect(Collectors.groupingBy(a -> a.roundId)).forEach((round, list) ->
                scoresByRound.put(round, judging.latestScores(round,
                        list.stream().map(a -> a.submissionId).collect(Collectors.toSet()))));
        List<JudgeEntry> entries = new ArrayList<>();
        for (Assignment a : assignments) {
            Submission s = submissions.get(a.submissionId);
            Work w = works.get(s.workId);
            List<JudgingService.Score> scores = scoresByRound.get(a.roundId).stream()
                    .filter(x -> x.submissionId().equals(a.submissionId)).toList();
            JudgingService.Score mine = scores.stream().filter(x -> x.judgeId().equals(me)).findFirst().orElse(null);
            List<PeerScore> peers = new ArrayList<>();
            if (mine != null) {
                List<JudgingService.Score> others = scores.stream().filter(x -> !x.judgeId().equals(me))
                        .sorted(Comparator.comparing(JudgingService.Score::submittedAt)).toList();
                for (int i = 0; i < others.size(); i++) {
                    JudgingService.Score o = others.get(i);
                    peers.add(new PeerScore("评委 " + (char) ('A' + i), Aggregation.total(values(o), criteria), items(o)));
                }
            }
            ContestRound round = rounds.get(a.roundId);
            entries.add(new JudgeEntry(a.id.toString(), s.entryCode, round.number, round.name,
                    categories.get(s.categoryId).name, w.kind, w.title, w.description,
                    mine == null ? null : new JudgeScore(mine.revision(), mine.submittedAt(),
                            Aggregation.total(values(mine), criteria), items(mine)),
                    peers));
        }
        return entries;
    }

    private static Map<String, Double> values(JudgingService.Score score) {
        return score.items().stream().collect(Collectors.toMap(JudgingService.Item::criterion, JudgingService.Item::value));
    }

    private static List<ScoreItem> items(JudgingService.Score score) {
        return score.items().stream().map(i -> new ScoreItem(i.criterion(), i.value(), i.comment())).toList();
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
