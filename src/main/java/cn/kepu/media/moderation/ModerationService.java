package cn.kepu.media.moderation;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionEvents;
import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Content-safety review. ENTRY decisions gate judging; PUBLICATION decisions gate awarded works going public. A
 * rejection at either stage marks the work REJECTED, and the database never lets it become PUBLISHED.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ModerationService {

    private final Caller caller;
    private final AuditLog audit;
    private final SubmissionEvents events;
    private final AwardedEntries awards;
    private final Clock clock;

    public ModerationService(Caller caller, AuditLog audit, SubmissionEvents events, AwardedEntries awards,
            Clock clock) {
        this.caller = caller;
        this.audit = audit;
        this.events = events;
        this.awards = awards;
        this.clock = clock;
    }

    /** Submissions waiting for a decision at the stage, oldest first. */
    public List<Submission> queue(String contestId, ModerationStage stage) {
        caller.requireAny(Role.MODERATOR);
        UUID contest = Ids.parse(contestId, "contestId");
        if (stage == ModerationStage.ENTRY) {
            return Submission.list("contestId = ?1 and status = ?2 order by updatedAt, id", contest,
                    SubmissionStatus.IN_MODERATION);
        }
        Set<UUID> awarded = awards.awardedIn(contest);
        if (awarded.isEmpty()) {
            return List.of();
        }
        return Submission.list("contestId = ?1 and status = ?2 and id in ?4"
                + " and id not in (select d.submissionId from ModerationDecision d where d.stage = ?3)"
                + " order by updatedAt, id", contest, SubmissionStatus.ACCEPTED, ModerationStage.PUBLICATION, awarded);
    }

    @Transactional
    public ModerationDecision decide(String submissionId, ModerationStage stage, Decision decision,
            ReasonCode reason, String note) {
        caller.requireAny(Role.MODERATOR);
        Account moderator = caller.requireAccount();
        Submission submission = Submission.findById(Ids.parse(submissionId, "input.submissionId"),
                LockModeType.PESSIMISTIC_WRITE);
        if (submission == null) {
            throw ApiException.notFound("Submission", submissionId);
        }
        if (decision == Decision.APPROVE && reason != ReasonCode.OK) {
            throw ApiException.validation("input.reasonCode", "approvals carry reason OK");
        }
        if (decision == Decision.REJECT && reason == ReasonCode.OK) {
            throw ApiException.validation("input.reasonCode", "a rejection needs a reason other than OK");
        }
        if (decision == Decision.REJECT && (note == null || note.isBlank())) {
            throw ApiException.validation("input.note", "explain the rejection to the entrant");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Work work = Work.findById(submission.workId, LockModeType.PESSIMISTIC_WRITE);
        if (stage == ModerationStage.ENTRY) {
            if (submission.status != SubmissionStatus.IN_MODERATION) {
                throw ApiException.conflict("input.submissionId", "Submission is " + submission.status
                        + ", not waiting for entry moderation");
            }
            submission.status = decision == Decision.APPROVE ? SubmissionStatus.ACCEPTED : SubmissionStatus.REJECTED;
        } else {
            Contest contest = Contest.findById(submission.contestId);
            if (submission.status != SubmissionStatus.ACCEPTED || !awards.isAwarded(submission.id)
                    || contest.resultsPublished()) {
                throw ApiException.conflict("input.submissionId",
                        "Publication review is for awarded, accepted entries before results are published");
            }
            if (ModerationDecision.count("submissionId = ?1 and stage = ?2", submission.id, stage) > 0) {
                throw ApiException.conflict("input.submissionId", "This work already has a publication decision");
            }
            if (decision == Decision.REJECT) {
                submission.status = SubmissionStatus.REJECTED;
                // A work that may not go public loses its award, so publication is not blocked by it.
                awards.removeAward(submission.id, "rejected at publication review");
            }
        }
        if (decision == Decision.REJECT) {
            work.status = WorkStatus.REJECTED;
            work.updatedAt = now;
        }
        submission.updatedAt = now;
        ModerationDecision d = new ModerationDecision();
        d.id = UUID.randomUUID();
        d.submissionId = submission.id;
        d.workId = work.id;
        d.moderatorId = moderator.id;
        d.stage = stage;
        d.decision = decision;
        d.reasonCode = reason;
        d.note = note == null ? "" : note.strip();
        d.decidedAt = now;
        d.persist();
        audit.record(submission.contestId, "MODERATED_" + stage + "_" + decision, "Submission", submission.id,
                reason + (d.note.isEmpty() ? "" : ": " + d.note));
        events.submissionChanged(submission.id, submission.entrantId);
        events.fire(new ModerationDecided(d.id, submission.id, submission.entrantId));
        return d;
    }

    /** Latest decision per submission, in one query. */
    public Map<UUID, ModerationDecision> latestOf(Collection<UUID> submissionIds) {
        Map<UUID, ModerationDecision> latest = new HashMap<>();
        if (submissionIds.isEmpty()) {
            return latest;
        }
        ModerationDecision.<ModerationDecision>list("submissionId in ?1 order by decidedAt", submissionIds)
                .forEach(d -> latest.put(d.submissionId, d));
        return latest;
    }
}
