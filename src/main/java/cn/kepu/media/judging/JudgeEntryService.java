package cn.kepu.media.judging;

import cn.kepu.media.contests.ContestCategory;
import cn.kepu.media.contests.ContestRound;
import cn.kepu.media.contests.RubricCriterion;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The judge's read model of their assignments: blind entries (content only, never the entrant, creators,
 * organization or region) with the scores {@link BlindScoring} lets them see. Built here, not in the GraphQL layer, in
 * a fixed number of queries whatever the number of assignments.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class JudgeEntryService {

    /** An assigned entry as its judge sees it. */
    public record Entry(UUID assignmentId, String entryCode, int roundNumber, String roundName, String categoryName,
            WorkKind kind, String title, String description, BlindScoring.View scores) {
    }

    public record Progress(int assigned, int scored) {
    }

    private final JudgingService judging;
    private final Caller caller;
    private final EntityManager em;

    public JudgeEntryService(JudgingService judging, Caller caller, EntityManager em) {
        this.judging = judging;
        this.caller = caller;
        this.em = em;
    }

    /** JUDGE: the caller's entries in a contest, round by round. */
    public List<Entry> myEntries(String contestId) {
        return entries(judging.myAssignments(contestId));
    }

    public Progress myProgress(String contestId) {
        List<Entry> entries = myEntries(contestId);
        int scored = (int) entries.stream().filter(e -> e.scores().mine() != null).count();
        return new Progress(entries.size(), scored);
    }

    /** JUDGE: scores an assigned entry (see {@link JudgingService#submitScore}) and returns it as the judge now sees it. */
    @Transactional
    public Entry submitScore(String assignmentId, List<JudgingService.Item> items) {
        judging.submitScore(assignmentId, items);
        Assignment assignment = Assignment.findById(Ids.parse(assignmentId, "assignmentId"));
        return entries(List.of(assignment)).get(0);
    }

    /**
     * A newly added assignment as its own judge sees it, for the judge's subscription (which has already checked who
     * listens); empty when the assignment is gone again.
     */
    @ActivateRequestContext
    public Optional<Entry> added(UUID assignmentId) {
        Assignment assignment = Assignment.findById(assignmentId);
        return assignment == null ? Optional.empty() : Optional.of(entries(List.of(assignment)).get(0));
    }

    /**
     * The works behind the caller's own assignments whose entries are still in judging, by assignment: what blind
     * media URLs may be handed out for. Other ids (someone else's, unassigned, entries withdrawn or rejected) are
     * absent. One query.
     */
    public Map<UUID, UUID> blindWorksOf(Collection<UUID> assignmentIds) {
        caller.requireAccount();
        UUID me = caller.accountId().orElseThrow();
        Map<UUID, UUID> workOf = new HashMap<>();
        if (assignmentIds.isEmpty()) {
            return workOf;
        }
        em.createQuery("""
                select a.id, s.workId from Assignment a, Submission s
                where a.id in :ids and a.judgeId = :me and s.id = a.submissionId and s.status = :accepted""",
                Object[].class)
                .setParameter("ids", List.copyOf(assignmentIds)).setParameter("me", me)
                .setParameter("accepted", SubmissionStatus.ACCEPTED)
                .getResultList().forEach(row -> workOf.put((UUID) row[0], (UUID) row[1]));
        return workOf;
    }

    /**
     * Every revision of the caller's own score of each of the given assignments, newest first (the judge's revision
     * history). Assignments of other judges get an empty list; scores of others are never read. Two queries.
     */
    public Map<UUID, List<BlindScoring.OwnScore>> myRevisions(Collection<UUID> assignmentIds) {
        caller.requireAccount();
        UUID me = caller.accountId().orElseThrow();
        Map<UUID, List<BlindScoring.OwnScore>> revisions = new HashMap<>();
        if (assignmentIds.isEmpty()) {
            return revisions;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select a.id, s.id, s.revision, s.submitted_at, i.criterion_code, i.value, i.comment, r.contest_id
                from assignment a join score s on s.round_id = a.round_id and s.submission_id = a.submission_id
                  and s.judge_id = a.judge_id
                join score_item i on i.score_id = s.id join contest_round r on r.id = a.round_id
                where a.id = any(?1) and a.judge_id = ?2
                order by a.id, s.revision desc, i.criterion_code""")
                .setParameter(1, assignmentIds.toArray(UUID[]::new)).setParameter(2, me).getResultList();
        Map<UUID, List<Aggregation.Criterion>> criteria = new HashMap<>();
        rows.stream().map(r -> (UUID) r[7]).distinct().forEach(contest -> criteria.put(contest,
                RubricCriterion.ofContest(contest).stream()
                        .map(c -> Aggregation.Criterion.of(c.code, c.weight, c.scaleMax)).toList()));
        Map<UUID, UUID> assignmentOfScore = new java.util.LinkedHashMap<>();
        Map<UUID, Object[]> headOfScore = new HashMap<>();
        Map<UUID, List<JudgingService.Item>> itemsOfScore = new HashMap<>();
        for (Object[] r : rows) {
            UUID score = (UUID) r[1];
            assignmentOfScore.putIfAbsent(score, (UUID) r[0]);
            headOfScore.putIfAbsent(score, r);
            itemsOfScore.computeIfAbsent(score, k -> new ArrayList<>()).add(new JudgingService.Item((String) r[4],
                    JudgingService.decimal(r[5]), (String) r[6]));
        }
        assignmentOfScore.forEach((score, assignment) -> {
            Object[] head = headOfScore.get(score);
            List<JudgingService.Item> items = itemsOfScore.get(score);
            Map<String, java.math.BigDecimal> values = items.stream()
                    .collect(Collectors.toMap(JudgingService.Item::criterion, JudgingService.Item::value));
            revisions.computeIfAbsent(assignment, k -> new ArrayList<>()).add(new BlindScoring.OwnScore(
                    ((Number) head[2]).intValue(), JudgingService.toInstant(head[3]), Aggregation.total(values, criteria.get((UUID) head[7])),
                    List.copyOf(items)));
        });
        return revisions;
    }

    /** Blind entries for assignments of one judge, with a fixed number of queries whatever their count. */
    List<Entry> entries(List<Assignment> assignments) {
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
                .map(c -> Aggregation.Criterion.of(c.code, c.weight, c.scaleMax)).toList();
        Map<UUID, List<JudgingService.Score>> scoresByRound = new HashMap<>();
        assignments.stream().collect(Collectors.groupingBy(a -> a.roundId)).forEach((round, list) ->
                scoresByRound.put(round, judging.latestScores(round,
                        list.stream().map(a -> a.submissionId).collect(Collectors.toSet()))));
        List<Entry> entries = new ArrayList<>();
        for (Assignment a : assignments) {
            Submission s = submissions.get(a.submissionId);
            Work w = works.get(s.workId);
            List<JudgingService.Score> scores = scoresByRound.get(a.roundId).stream()
                    .filter(x -> x.submissionId().equals(a.submissionId)).toList();
            ContestRound round = rounds.get(a.roundId);
            entries.add(new Entry(a.id, s.entryCode, round.number, round.name, categories.get(s.categoryId).name,
                    w.kind, w.title, w.description, BlindScoring.forJudge(a.judgeId, scores, criteria)));
        }
        return entries;
    }

    private static <K, V> Map<K, V> byId(List<V> rows, Function<V, K> key) {
        Map<K, V> map = new HashMap<>();
        rows.forEach(r -> map.put(key.apply(r), r));
        return map;
    }
}
