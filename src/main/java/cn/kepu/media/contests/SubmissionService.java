package cn.kepu.media.contests;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.works.AiLabel;
import cn.kepu.media.works.MediaFacts;
import cn.kepu.media.works.WorkAiLabels;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkMediaFacts;
import cn.kepu.media.works.WorkStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Entrants submit works to contests, replace them and withdraw, inside the submission window by the server's clock.
 *
 * <p>Races: a submission locks the contest row shared (so a deadline change waits, and the clock is read after the
 * lock), the work row for update (double submit of one work: the second sees it is no longer a draft) and an
 * advisory lock per entrant and contest (two different works at the entry limit: the second counts the first).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SubmissionService {

    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Caller caller;
    private final AuditLog audit;
    private final WorkMediaFacts mediaFacts;
    private final SubmissionEvents events;
    private final EntityManager em;
    private final Clock clock;
    private final SubmissionReads reads;
    private final WorkAiLabels aiLabels;

    public SubmissionService(Caller caller, AuditLog audit, WorkMediaFacts mediaFacts, SubmissionEvents events,
            EntityManager em, Clock clock, SubmissionReads reads, WorkAiLabels aiLabels) {
        this.reads = reads;
        this.aiLabels = aiLabels;
        this.caller = caller;
        this.audit = audit;
        this.mediaFacts = mediaFacts;
        this.events = events;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Enters an own work. A work whose entry in this contest was rejected may be entered again once revised (changed
     * after the rejection): the new entry links to the rejected one, which then no longer counts towards the limit.
     */
    @Transactional
    public SubmissionSummary submit(String contestId, String categoryCode, String workId,
            List<Declaration> declarations) {
        caller.requireAny(Role.ENTRANT);
        Account me = caller.requireAccount();
        OpenContest open = lockOpenContest(Ids.parse(contestId, "input.contestId"));
        Contest contest = open.contest();
        Work work = lockOwnSubmittableWork(Ids.parse(workId, "input.workId"), me, "input.workId");
        Submission rejected = rejectedEntryToRevise(contest, work);
        ContestCategory category = checkCategoryAndMedia(contest, categoryCode, work, "input");
        checkDeclarations(contest, declarations);

        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "submission:" + contest.id + ":" + me.id).getSingleResult();
        // Withdrawn entries and rejected ones already resubmitted do not count; the one being resubmitted is replaced.
        long live = Submission.count("from Submission s where s.contestId = ?1 and s.entrantId = ?2 and s.status <> ?3"
                + " and not exists (select 1 from Submission n where n.previousId = s.id)", contest.id, me.id,
                SubmissionStatus.WITHDRAWN) - (rejected == null ? 0 : 1);
        if (live >= contest.entryLimit) {
            throw ApiException.conflict("input.contestId", Msg.of("contests.submission.limit", live,
                    contest.entryLimit));
        }
        Instant now = open.checkedAt();
        Submission submission = new Submission();
        submission.id = UUID.randomUUID();
        submission.contestId = contest.id;
        submission.categoryId = category.id;
        submission.workId = work.id;
        submission.entrantId = me.id;
        submission.previousId = rejected == null ? null : rejected.id;
        submission.entryCode = entryCode();
        submission.status = SubmissionStatus.IN_MODERATION;
        submission.declarations = declarations.stream().distinct().map(Enum::name).toArray(String[]::new);
        submission.submittedAt = now;
        submission.updatedAt = now;
        submission.persist();
        work.status = WorkStatus.IN_MODERATION;
        work.updatedAt = now;
        em.flush();
        audit.record(contest.id, rejected == null ? "SUBMITTED" : "RESUBMITTED", "Submission", submission.id,
                rejected == null ? Msg.of("contests.audit.entry", work.id.toString(), category.code)
                        : Msg.of("contests.audit.resubmitted", work.id.toString(), category.code,
                                rejected.id.toString()));
        events.submissionChanged(submission.id, me.id);
        events.fire(new SubmissionEvents.EntryReceived(submission.id, me.id));
        return reads.of(submission);
    }

    /**
     * The rejected entry of this work in this contest that a new submission replaces, or null for a first entry. A
     * rejected work must have been revised since the rejection: entering the same content again cannot pass.
     */
    private Submission rejectedEntryToRevise(Contest contest, Work work) {
        if (work.status != WorkStatus.REJECTED) {
            return null;
        }
        Submission rejected = Submission.<Submission>find("from Submission s where s.contestId = ?1 and s.workId = ?2"
                        + " and s.status = ?3 and not exists (select 1 from Submission n where n.previousId = s.id)"
                        + " order by s.updatedAt desc", contest.id, work.id, SubmissionStatus.REJECTED)
                .firstResult();
        if (rejected == null) {
            throw ApiException.conflict("input.workId", Msg.of("contests.submission.rejectedElsewhere", work.id));
        }
        if (!work.updatedAt.isAfter(rejected.updatedAt)) {
            throw ApiException.conflict("input.workId", Msg.of("contests.submission.reviseFirst", work.id));
        }
        return rejected;
    }

    /**
     * Replaces the work and/or category of a live submission before the deadline; it goes back to moderation. An
     * update that changes neither leaves the entry where it is (an accepted, assigned entry stays in judging).
     */
    @Transactional
    public SubmissionSummary update(String submissionId, String categoryCode, String workId) {
        caller.requireAny(Role.ENTRANT);
        Account me = caller.requireAccount();
        Submission submission = lockOwn(submissionId, me);
        OpenContest open = lockOpenContest(submission.contestId);
        Contest contest = open.contest();
        if (submission.status == SubmissionStatus.REJECTED) {
            throw ApiException.conflict("id", Msg.of("contests.submission.rejectedResubmit", submissionId,
                    contest.submissionClosesAt.atZone(contest.zone()).toOffsetDateTime()));
        }
        if (submission.status == SubmissionStatus.WITHDRAWN) {
            throw ApiException.conflict("id", Msg.of("contests.submission.withdrawnSubmitAgain", submissionId));
        }
        Work work = Work.findById(submission.workId, LockModeType.PESSIMISTIC_WRITE);
        ContestCategory current = ContestCategory.findById(submission.categoryId);
        boolean sameWork = workId == null || Ids.parse(workId, "input.workId").equals(work.id);
        boolean sameCategory = categoryCode == null
                || categoryCode.strip().toUpperCase(java.util.Locale.ROOT).equals(current.code);
        if (sameWork && sameCategory) {
            return reads.of(submission);
        }
        if (!sameWork) {
            Work replacement = lockOwnSubmittableWork(Ids.parse(workId, "input.workId"), me, "input.workId");
            if (replacement.status == WorkStatus.REJECTED) {
                // A rejected work comes back through submitEntry, linked to its rejected entry.
                throw ApiException.conflict("input.workId", Msg.of("contests.submission.workStatus", replacement.id,
                        replacement.status));
            }
            work.status = WorkStatus.DRAFT;
            work = replacement;
        }
        ContestCategory category = checkCategoryAndMedia(contest, categoryCode != null ? categoryCode : current.code,
                work, "input");
        Instant now = open.checkedAt();
        submission.workId = work.id;
        submission.categoryId = category.id;
        submission.status = SubmissionStatus.IN_MODERATION;
        submission.updatedAt = now;
        work.status = WorkStatus.IN_MODERATION;
        work.updatedAt = now;
        em.flush();
        audit.record(contest.id, "SUBMISSION_UPDATED", "Submission", submission.id,
                Msg.of("contests.audit.entry", work.id.toString(), category.code));
        events.submissionChanged(submission.id, me.id);
        events.fire(new SubmissionEvents.EntryReceived(submission.id, me.id));
        return reads.of(submission);
    }

    @Transactional
    public SubmissionSummary withdraw(String submissionId) {
        caller.requireAny(Role.ENTRANT);
        Account me = caller.requireAccount();
        Submission submission = lockOwn(submissionId, me);
        Contest contest = Contest.findById(submission.contestId, LockModeType.PESSIMISTIC_READ);
        if (contest.resultsPublished()) {
            throw ApiException.conflict("id", Msg.of("contests.submission.publishedNoWithdraw"));
        }
        if (submission.status == SubmissionStatus.WITHDRAWN) {
            return reads.of(submission);
        }
        submission.status = SubmissionStatus.WITHDRAWN;
        submission.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Work work = Work.findById(submission.workId, LockModeType.PESSIMISTIC_WRITE);
        if (work.status == WorkStatus.IN_MODERATION) {
            work.status = WorkStatus.WITHDRAWN;
            work.updatedAt = submission.updatedAt;
        }
        events.withdrawn(submission.id, contest.id);
        audit.record(contest.id, "WITHDRAWN", "Submission", submission.id, "");
        events.submissionChanged(submission.id, me.id);
        em.flush();
        return reads.of(submission);
    }

    /** The caller's own submissions, newest first. */
    public List<SubmissionSummary> mine(String contestId) {
        caller.requireAny(Role.ENTRANT);
        Account me = caller.requireAccount();
        if (contestId == null) {
            return reads.of(Submission.list("entrantId = ?1 order by submittedAt desc, id desc", me.id));
        }
        return reads.of(Submission.list("entrantId = ?1 and contestId = ?2 order by submittedAt desc, id desc", me.id,
                Ids.parse(contestId, "contestId")));
    }

    /** The work of each submission, in one query; for the API's batch resolver. */
    public Map<UUID, UUID> workIdsOf(Collection<UUID> submissionIds) {
        Map<UUID, UUID> workOf = new HashMap<>();
        if (!submissionIds.isEmpty()) {
            Submission.<Submission>list("id in ?1", Set.copyOf(submissionIds)).forEach(s -> workOf.put(s.id, s.workId));
        }
        return workOf;
    }

    /** Pure check of a category's kind and media rules; exposed for the contest's own validation messages. */
    private ContestCategory checkCategoryAndMedia(Contest contest, String categoryCode, Work work, String prefix) {
        String code = categoryCode == null ? "" : categoryCode.strip().toUpperCase(java.util.Locale.ROOT);
        ContestCategory category = ContestCategory.<ContestCategory>find("contestId = ?1 and code = ?2", contest.id, code)
                .firstResultOptional().orElseThrow(() -> ApiException.validation(prefix + ".categoryCode",
                        Msg.of("contests.category.unknown", categoryCode)));
        if (!category.accepts(work.kind)) {
            throw ApiException.validation(prefix + ".workId", Msg.of("contests.category.kind", category.code,
                    Arrays.toString(category.acceptedKinds), work.kind));
        }
        List<MediaFacts> facts = mediaFacts.factsOf(List.of(work.id)).getOrDefault(work.id, List.of());
        List<Msg> problems = category.rules().violations(facts);
        if (!problems.isEmpty()) {
            throw ApiException.validation(prefix + ".workId", Msg.of("contests.category.media", category.code,
                    problems));
        }
        checkAiPolicy(category, work, prefix);
        return category;
    }

    /** The category's AI policy against the work's declaration and its files' labels. */
    private void checkAiPolicy(ContestCategory category, Work work, String prefix) {
        if (category.aiPolicy == AiPolicy.ALLOWED) {
            return;
        }
        AiLabel label = AiLabel.of(work.aiUse, aiLabels.labelsOf(List.of(work.id)).getOrDefault(work.id, List.of()));
        if (category.aiPolicy == AiPolicy.FORBIDDEN && label.aiGenerated()) {
            throw new ApiException(ErrorCode.AI_CONTENT_POLICY, prefix + ".workId", Msg.of(
                    label.detectedAi() ? "contests.category.aiForbiddenDetected" : "contests.category.aiForbidden",
                    category.code));
        }
        if (category.aiPolicy == AiPolicy.REQUIRED && !label.aiGenerated()) {
            throw new ApiException(ErrorCode.AI_CONTENT_POLICY, prefix + ".workId",
                    Msg.of("contests.category.aiRequired", category.code));
        }
    }

    private static void checkDeclarations(Contest contest, List<Declaration> declarations) {
        Set<String> given = declarations.stream().map(Enum::name).collect(Collectors.toSet());
        List<String> missing = Arrays.stream(contest.requiredDeclarations).filter(d -> !given.contains(d)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.validation("input.declarations", Msg.of("contests.declarations.missing", missing));
        }
    }

    /** A contest open for submissions, and the instant that was decided at: the change is recorded at it too. */
    private record OpenContest(Contest contest, Instant checkedAt) {
    }

    private OpenContest lockOpenContest(UUID id) {
        Contest contest = Contest.findById(id, LockModeType.PESSIMISTIC_READ);
        if (contest == null) {
            throw ApiException.notFound("Contest", id);
        }
        // Read the clock after the lock: a deadline moved concurrently is seen, and the server decides, not the client.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (contest.resultsPublished()) {
            throw ApiException.conflict("contestId", Msg.of("contests.submission.resultsPublished"));
        }
        if (!contest.acceptsSubmissionsAt(now)) {
            throw ApiException.conflict("contestId", Msg.of("contests.submission.closed",
                    contest.submissionOpensAt.atZone(contest.zone()).toOffsetDateTime(),
                    contest.submissionClosesAt.atZone(contest.zone()).toOffsetDateTime()));
        }
        return new OpenContest(contest, now);
    }

    private static Work lockOwnSubmittableWork(UUID id, Account me, String field) {
        Work work = Work.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (work == null || !work.ownerId.equals(me.id)) {
            throw ApiException.notFound("Work", id);
        }
        if (work.status != WorkStatus.DRAFT && work.status != WorkStatus.WITHDRAWN
                && work.status != WorkStatus.REJECTED) {
            throw ApiException.conflict(field, Msg.of("contests.submission.workStatus", id,
                    Msg.of("works.status." + work.status.name())));
        }
        return work;
    }

    private static Submission lockOwn(String id, Account me) {
        Submission submission = Submission.findById(Ids.parse(id, "id"), LockModeType.PESSIMISTIC_WRITE);
        if (submission == null || !submission.entrantId.equals(me.id)) {
            throw ApiException.notFound("Submission", id);
        }
        return submission;
    }

    private static String entryCode() {
        StringBuilder code = new StringBuilder("E-");
        for (int i = 0; i < 8; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
