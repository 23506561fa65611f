package cn.kepu.media.judging;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.ContestRound;
import cn.kepu.media.contests.ContestService;
import cn.kepu.media.contests.RubricCriterion;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionEvents;
import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.moderation.Decision;
import cn.kepu.media.moderation.ModerationDecision;
import cn.kepu.media.moderation.ModerationStage;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Results computed on demand from the latest score revisions, shortlists, awards and their publication. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ResultsService {

    private final Caller caller;
    private final AuditLog audit;
    private final JudgingService judging;
    private final SubmissionEvents events;
    private final EntityManager em;
    private final Clock clock;

    public ResultsService(Caller caller, AuditLog audit, JudgingService judging, SubmissionEvents events,
            EntityManager em, Clock clock) {
        this.caller = caller;
        this.audit = audit;
        this.judging = judging;
        this.events = events;
        this.em = em;
        this.clock = clock;
    }

    /** Organizers only: raw scores and ranks never leave this role. */
    public List<Aggregation.Result> results(String roundId, Aggregation.Method method) {
        caller.requireAny(Role.ORGANIZER);
        return compute(JudgingService.round(roundId), method);
    }

    List<Aggregation.Result> compute(ContestRound round, Aggregation.Method method) {
        Contest contest = Contest.findById(round.contestId);
        List<AssignmentPlanner.Entry> entries = judging.entriesOf(round);
        Set<UUID> ids = entries.stream().map(AssignmentPlanner.Entry::id).collect(Collectors.toSet());
        List<Aggregation.EntryInfo> infos = ids.isEmpty() ? List.of()
                : Submission.<Submission>list("id in ?1", ids).stream()
                        .map(s -> new Aggregation.EntryInfo(s.id, s.entryCode, s.submittedAt)).toList();
        List<Aggregation.JudgeScore> scores = judging.latestScores(round.id, ids).stream()
                .map(s -> new Aggregation.JudgeScore(s.submissionId(), s.judgeId(), s.items().stream()
                        .collect(Collectors.toMap(JudgingService.Item::criterion, JudgingService.Item::value))))
                .toList();
        List<Aggregation.Criterion> criteria = RubricCriterion.ofContest(contest.id).stream()
                .map(c -> Aggregation.Criterion.of(c.code, c.weight, c.scaleMax)).toList();
        return Aggregation.rank(infos, scores, criteria, method, BigDecimal.valueOf(contest.disagreementThreshold));
    }

    /** Advances the round's top entries (by the method) to the next round, once. */
    @Transactional
    public List<Aggregation.Result> shortlist(String roundId, Aggregation.Method method) {
        caller.requireAny(Role.ORGANIZER);
        ContestRound round = JudgingService.round(roundId);
        judging.lockRound(round);
        ContestRound next = round.next().orElseThrow(() -> ApiException.conflict("roundId",
                Msg.of("judging.shortlist.lastRound", round.number)));
        long already = ((Number) em.createNativeQuery("select count(*) from round_entry where round_id = ?1")
                .setParameter(1, next.id).getSingleResult()).longValue();
        if (already > 0) {
            throw ApiException.conflict("roundId", Msg.of("judging.shortlist.exists", next.number));
        }
        List<Aggregation.Result> top = compute(round, method).stream().limit(round.shortlistSize).toList();
        for (Aggregation.Result r : top) {
            em.createNativeQuery("insert into round_entry (round_id, submission_id) values (?1, ?2)")
                    .setParameter(1, next.id).setParameter(2, r.entryId()).executeUpdate();
        }
        audit.record(round.contestId, "SHORTLISTED", "Round", round.id, Msg.of("judging.audit.shortlisted",
                top.size(), next.number, Msg.of("judging.method." + method.name())));
        return top;
    }

    /** Sets or (with a null tier) removes an entry's award before results are published. */
    @Transactional
    public Award award(String submissionId, AwardTier tier) {
        caller.requireAny(Role.ORGANIZER);
        Submission submission = Submission.findById(Ids.parse(submissionId, "submissionId"));
        if (submission == null) {
            throw ApiException.notFound("Submission", submissionId);
        }
        Contest contest = Contest.findById(submission.contestId, LockModeType.PESSIMISTIC_WRITE);
        if (contest.resultsPublished()) {
            throw ApiException.conflict("submissionId", Msg.of("judging.award.resultsPublished"));
        }
        if (submission.status != SubmissionStatus.ACCEPTED) {
            throw ApiException.conflict("submissionId", Msg.of("judging.award.notAccepted",
                    Msg.of("contests.submissionStatus." + submission.status.name())));
        }
        Award award = Award.findById(submission.id);
        if (tier == null) {
            if (award != null) {
                award.delete();
            }
            audit.record(contest.id, "AWARD_REMOVED", "Submission", submission.id, "");
            return null;
        }
        if (award == null) {
            award = new Award();
            award.submissionId = submission.id;
            award.contestId = contest.id;
        }
        award.tier = tier;
        award.assignedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        award.persist();
        audit.record(contest.id, "AWARDED", "Submission", submission.id,
                Msg.of("judging.audit.awarded", Msg.of("judging.awardTier." + tier.name())));
        return award;
    }

    /**
     * Publishes the contest's results: every awarded work must have passed publication review; awarded works become
     * PUBLISHED (and so searchable), other entries' works return to their owners as drafts.
     */
    @Transactional
    public Contest publish(String contestId) {
        caller.requireAny(Role.ORGANIZER);
        Contest contest = ContestService.lockForUpdate(Ids.parse(contestId, "contestId"));
        if (contest.resultsPublished()) {
            throw ApiException.conflict("contestId", Msg.of("judging.results.alreadyPublished"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!contest.resultsMayBePublishedAt(now)) {
            Instant from = contest.judgingClosesAt == null || contest.judgingClosesAt.isBefore(contest.submissionClosesAt)
                    ? contest.submissionClosesAt : contest.judgingClosesAt;
            throw ApiException.conflict("contestId", Msg.of("judging.results.tooEarly",
                    from.atZone(contest.zone()).toOffsetDateTime()));
        }
        boolean correction = audit.hasAction(contest.id, "RESULTS_UNPUBLISHED");
        List<Award> awards = Award.list("contestId", contest.id);
        if (awards.isEmpty()) {
            throw ApiException.conflict("contestId", Msg.of("judging.results.noAwards"));
        }
        Set<UUID> awarded = awards.stream().map(a -> a.submissionId).collect(Collectors.toSet());
        Set<UUID> approved = new HashSet<>();
        ModerationDecision.<ModerationDecision>list("submissionId in ?1 and stage = ?2 and decision = ?3", awarded,
                ModerationStage.PUBLICATION, Decision.APPROVE).forEach(d -> approved.add(d.submissionId));
        Map<UUID, Submission> submissions = new HashMap<>();
        Submission.<Submission>list("contestId", contest.id).forEach(s -> submissions.put(s.id, s));
        List<String> pending = awarded.stream().filter(id -> !approved.contains(id))
                .map(id -> submissions.get(id).entryCode).sorted().toList();
        if (!pending.isEmpty()) {
            throw ApiException.conflict("contestId", Msg.of("judging.results.pendingReview",
                    String.join(", ", pending)));
        }
        for (Submission s : submissions.values()) {
            if (s.status != SubmissionStatus.ACCEPTED) {
                continue;
            }
            Work work = Work.findById(s.workId, LockModeType.PESSIMISTIC_WRITE);
            if (awarded.contains(s.id)) {
                work.status = WorkStatus.PUBLISHED;
                work.publishedAt = now;
            } else if (work.status == WorkStatus.IN_MODERATION) {
                work.status = WorkStatus.DRAFT;
            }
            work.updatedAt = now;
            events.submissionChanged(s.id, s.entrantId);
        }
        contest.resultsPublishedAt = now;
        audit.record(contest.id, correction ? "RESULTS_REPUBLISHED" : "RESULTS_PUBLISHED", "Contest", contest.id,
                Msg.of("judging.audit.resultsPublished", awards.size()));
        events.fire(new JudgingEvents.ResultsPublished(contest.id));
        return contest;
    }

    /**
     * A correction: takes published results back so awards can be changed (and reviewed) and published again. The
     * awarded works leave the public (back to IN_MODERATION, as during judging); the reason is audited, and the
     * contest still takes no new entries (its window closed before publication).
     */
    @Transactional
    public Contest unpublish(String contestId, String reason) {
        caller.requireAny(Role.ORGANIZER);
        Contest contest = ContestService.lockForUpdate(Ids.parse(contestId, "contestId"));
        if (reason == null || reason.isBlank()) {
            throw ApiException.validation("reason", Msg.of("judging.results.reasonRequired"));
        }
        if (!contest.resultsPublished()) {
            throw ApiException.conflict("contestId", Msg.of("judging.results.notPublished"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<UUID> awarded = new HashSet<>();
        Award.<Award>list("contestId", contest.id).forEach(a -> awarded.add(a.submissionId));
        for (Submission s : Submission.<Submission>list("contestId = ?1 and status = ?2", contest.id,
                SubmissionStatus.ACCEPTED)) {
            if (!awarded.contains(s.id)) {
                continue;
            }
            Work work = Work.findById(s.workId, LockModeType.PESSIMISTIC_WRITE);
            if (work.status == WorkStatus.PUBLISHED) {
                work.status = WorkStatus.IN_MODERATION;
                work.publishedAt = null;
                work.updatedAt = now;
            }
            events.submissionChanged(s.id, s.entrantId);
        }
        contest.resultsPublishedAt = null;
        audit.record(contest.id, "RESULTS_UNPUBLISHED", "Contest", contest.id, reason.strip());
        return contest;
    }

    /**
     * Award tiers of the submissions as the caller may see them: organizers and moderators always, everyone else
     * (the entrant) only once the contest's results are published. Two queries for any number of submissions.
     */
    public Map<UUID, AwardTier> visibleAwardsOf(Collection<UUID> submissionIds) {
        Map<UUID, AwardTier> tiers = new HashMap<>();
        if (submissionIds.isEmpty()) {
            return tiers;
        }
        List<Award> awards = Award.list("submissionId in ?1", Set.copyOf(submissionIds));
        boolean staff = caller.hasAny(Role.ORGANIZER, Role.MODERATOR);
        Set<UUID> published = new HashSet<>();
        if (!staff && !awards.isEmpty()) {
            Contest.<Contest>list("id in ?1", awards.stream().map(a -> a.contestId).collect(Collectors.toSet()))
                    .forEach(c -> {
                        if (c.resultsPublished()) {
                            published.add(c.id);
                        }
                    });
        }
        awards.stream().filter(a -> staff || published.contains(a.contestId)).forEach(a -> tiers.put(a.submissionId, a.tier));
        return tiers;
    }

    /** An award as the public sees it: the tier and the awarded work. */
    public record AwardedWork(AwardTier tier, UUID submissionId, UUID workId) {
    }

    /**
     * Public: a published contest's awards with their works, highest tier first (then by entry id, stable); empty
     * before publication. Two queries.
     */
    public List<AwardedWork> publicAwardsWithWorks(String contestId) {
        List<Award> awards = publicAwards(contestId);
        if (awards.isEmpty()) {
            return List.of();
        }
        Map<UUID, UUID> workOf = new HashMap<>();
        Submission.<Submission>list("id in ?1", awards.stream().map(a -> a.submissionId).toList())
                .forEach(s -> workOf.put(s.id, s.workId));
        return awards.stream()
                .sorted(java.util.Comparator.comparing((Award a) -> a.tier).thenComparing(a -> a.submissionId))
                .map(a -> new AwardedWork(a.tier, a.submissionId, workOf.get(a.submissionId))).toList();
    }

    /** Public: the tiers of a published contest's awarded works; empty before publication. */
    public List<Award> publicAwards(String contestId) {
        Contest contest = Contest.findById(Ids.parse(contestId, "contestId"));
        if (contest == null) {
            throw ApiException.notFound("Contest", contestId);
        }
        if (!contest.resultsPublished()) {
            return List.of();
        }
        return Award.list("contestId", contest.id);
    }
}
