package cn.kepu.media.moderation;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionEvents;
import cn.kepu.media.contests.SubmissionReads;
import cn.kepu.media.contests.SubmissionSummary;
import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
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
 * Content-safety review. ENTRY decisions gate judging; PUBLICATION decisions gate awarded works and works outside
 * contests (publication requests) going public. A rejection at either stage marks the work REJECTED, and the
 * database never lets it become PUBLISHED until a later approval.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ModerationService {

    private final Caller caller;
    private final AuditLog audit;
    private final SubmissionEvents events;
    private final AwardedEntries awards;
    private final Clock clock;
    private final SubmissionReads reads;

    public ModerationService(Caller caller, AuditLog audit, SubmissionEvents events, AwardedEntries awards,
            Clock clock, SubmissionReads reads) {
        this.reads = reads;
        this.caller = caller;
        this.audit = audit;
        this.events = events;
        this.awards = awards;
        this.clock = clock;
    }

    /** Submissions waiting for a decision at the stage, oldest first. */
    public List<SubmissionSummary> queue(String contestId, ModerationStage stage) {
        caller.requireAny(Role.MODERATOR);
        UUID contest = Ids.parse(contestId, "contestId");
        if (stage == ModerationStage.ENTRY) {
            return reads.of(Submission.list("contestId = ?1 and status = ?2 order by updatedAt, id", contest,
                    SubmissionStatus.IN_MODERATION));
        }
        Set<UUID> awarded = awards.awardedIn(contest);
        if (awarded.isEmpty()) {
            return List.of();
        }
        return reads.of(Submission.list("contestId = ?1 and status = ?2 and id in ?4"
                + " and id not in (select d.submissionId from ModerationDecision d where d.stage = ?3"
                + " and d.submissionId is not null)"
                + " order by updatedAt, id", contest, SubmissionStatus.ACCEPTED, ModerationStage.PUBLICATION, awarded));
    }

    /** Records the decision and returns the submission as it now stands. */
    @Transactional
    public SubmissionSummary decide(String submissionId, ModerationStage stage, Decision decision,
            ReasonCode reason, String note) {
        caller.requireAny(Role.MODERATOR);
        Account moderator = caller.requireAccount();
        Submission submission = Submission.findById(Ids.parse(submissionId, "input.submissionId"),
                LockModeType.PESSIMISTIC_WRITE);
        if (submission == null) {
            throw ApiException.notFound("Submission", submissionId);
        }
        checkReason(decision, reason, note);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Work work = Work.findById(submission.workId, LockModeType.PESSIMISTIC_WRITE);
        if (stage == ModerationStage.ENTRY) {
            if (submission.status != SubmissionStatus.IN_MODERATION) {
                throw ApiException.conflict("input.submissionId", Msg.of("moderation.entry.notWaiting",
                        Msg.of("contests.submissionStatus." + submission.status.name())));
            }
            submission.status = decision == Decision.APPROVE ? SubmissionStatus.ACCEPTED : SubmissionStatus.REJECTED;
        } else {
            Contest contest = Contest.findById(submission.contestId);
            if (submission.status != SubmissionStatus.ACCEPTED || !awards.isAwarded(submission.id)
                    || contest.resultsPublished()) {
                throw ApiException.conflict("input.submissionId", Msg.of("moderation.publication.notAwarded"));
            }
            if (ModerationDecision.count("submissionId = ?1 and stage = ?2", submission.id, stage) > 0) {
                throw ApiException.conflict("input.submissionId", Msg.of("moderation.publication.decided"));
            }
            if (decision == Decision.REJECT) {
                submission.status = SubmissionStatus.REJECTED;
                // A work that may not go public loses its award, so publication is not blocked by it.
                awards.removeAward(submission.id, Msg.of("moderation.audit.rejectedAtPublicationReview"));
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
                decided(reason, d.note));
        events.submissionChanged(submission.id, submission.entrantId);
        events.fire(new ModerationDecided(d.id, submission.id, submission.entrantId));
        Submission.flush();
        return reads.of(submission);
    }

    /**
     * Records a moderator's decision on a publication request (stage PUBLICATION) under the same reason rules and
     * audit as entries, inside the caller's transaction. The publishing feature owns the request and what the
     * decision does to the work; this owns who may decide and the append-only record. A rejection marks the work
     * REJECTED, so the database refuses to publish it until a later approval.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ModerationDecision decidePublicationRequest(UUID requestId, Work work, Decision decision, ReasonCode reason,
            String note) {
        caller.requireAny(Role.MODERATOR);
        Account moderator = caller.requireAccount();
        checkReason(decision, reason, note);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (decision == Decision.REJECT) {
            work.status = WorkStatus.REJECTED;
            work.updatedAt = now;
        }
        ModerationDecision d = new ModerationDecision();
        d.id = UUID.randomUUID();
        d.publicationRequestId = requestId;
        d.workId = work.id;
        d.moderatorId = moderator.id;
        d.stage = ModerationStage.PUBLICATION;
        d.decision = decision;
        d.reasonCode = reason;
        d.note = note == null ? "" : note.strip();
        d.decidedAt = now;
        d.persist();
        audit.record(null, "MODERATED_PUBLICATION_REQUEST_" + decision, "Work", work.id, decided(reason, d.note));
        ModerationDecision.flush();
        return d;
    }

    /** The decision on each given publication request, in one query. */
    public Map<UUID, ModerationDecision> decisionsOfRequests(Collection<UUID> requestIds) {
        Map<UUID, ModerationDecision> found = new HashMap<>();
        if (!requestIds.isEmpty()) {
            ModerationDecision.<ModerationDecision>list("publicationRequestId in ?1", requestIds)
                    .forEach(d -> found.put(d.publicationRequestId, d));
        }
        return found;
    }

    /** A decision's audit detail: the reason in the reader's language, and the moderator's note. */
    private static Msg decided(ReasonCode reason, String note) {
        Msg why = Msg.of("moderation.reasonCode." + reason.name());
        return note.isEmpty() ? Msg.of("moderation.audit.decided", why)
                : Msg.of("moderation.audit.decidedWithNote", why, note);
    }

    private static void checkReason(Decision decision, ReasonCode reason, String note) {
        if (decision == Decision.APPROVE && reason != ReasonCode.OK) {
            throw ApiException.validation("input.reasonCode", Msg.of("moderation.approve.reason"));
        }
        if (decision == Decision.REJECT && reason == ReasonCode.OK) {
            throw ApiException.validation("input.reasonCode", Msg.of("moderation.reject.reason"));
        }
        if (decision == Decision.REJECT && (note == null || note.isBlank())) {
            throw ApiException.validation("input.note", Msg.of("moderation.reject.note"));
        }
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
