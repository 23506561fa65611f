package cn.kepu.media.contests;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.works.MediaFacts;
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

    public SubmissionService(Caller caller, AuditLog audit, WorkMediaFacts mediaFacts, SubmissionEvents events,
            EntityManager em, Clock clock) {
        this.caller = caller;
        this.audit = audit;
        this.mediaFacts = mediaFacts;
        this.events = events;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public Submission submit(String contestId, String categoryCode, String workId, List<Declaration> declarations) {
        caller.requireAny(Role.ENTRANT);
        Account me = caller.requireAccount();
        OpenContest open = lockOpenContest(Ids.parse(contestId, "input.contestId"));
        Contest contest = open.contest();
        Work work = lockOwnSubmittableWork(Ids.parse(workId, "input.workId"), me, "input.workId");
        ContestCategory category = checkCategoryAndMedia(contest, categoryCode, work, "input");
        checkDeclarations(contest, declarations);

        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "submission:" + contest.id + ":" + me.id).getSingleResult();
        long live = Submission.count("contestId = ?1 and entrantId = ?2 and status <> ?3", contest.id, me.id,
                SubmissionStatus.WITHDRAWN);
        if (live >= contest.entryLimit) {
            throw ApiException.conflict("input.contestId", "You already have " + live + " entries in this contest;"
                    + " the limit is " + contest.entryLimit + " (withdraw one to submit another)");
        }
        Instant now = open.checkedAt();
        Submission submission = new Submission();
        submission.id = UUID.randomUUID();
        submission.contestId = contest.id;
        submission.categoryId = category.id;
        submission.workId = work.id;
        submission.entrantId = me.id;
        submission.entryCode = entryCode();
        submission.status = SubmissionStatus.IN_MODERATION;
        submission.declarations = declarations.stream().distinct().map(Enum::name).toArray(String[]::new);
        submission.submittedAt = now;
        submission.updatedAt = now;
        submission.persist();
        work.status = WorkStatus.IN_MODERATION;
        work.updatedAt = now;
        em.flush();
        audit.record(contest.id, "SUBMITTED", "Submission", submission.id,
                "work " + work.id + " in " + category.code);
        events.submissionChanged(submission.id, me.id);
        events.fire(new SubmissionEvents.EntryReceived(submission.id, me.id));
        return submission;
    }

    /** Replaces the work and/or category of a live submission before the deadline; it goes back to moderation. */
    @Transactional
    public Submission update(String submissionId, String categoryCode, String workId) {
        caller.requireAny(Role.ENTRANT);
        Account me = caller.requireAccount();
        Submission submission = lockOwn(submissionId, me);
        OpenContest open = lockOpenContest(submission.contestId);
        Contest contest = open.contest();
        if (submission.status == SubmissionStatus.WITHDRAWN || submission.status == SubmissionStatus.REJECTED) {
            throw ApiException.conflict("id", "Submission " + submissionId + " is " + submission.status
                    + ": submit the work again instead");
        }
        Work work = Work.findById(submission.workId, LockModeType.PESSIMISTIC_WRITE);
        if (workId != null && !Ids.parse(workId, "input.workId").equals(work.id)) {
            Work replacement = lockOwnSubmittableWork(Ids.parse(workId, "input.workId"), me, "input.workId");
            work.status = WorkStatus.DRAFT;
            work = replacement;
        }
        ContestCategory category = checkCategoryAndMedia(contest,
                categoryCode != null ? categoryCode : ((ContestCategory) ContestCategory.findById(submission.categoryId)).code,
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
                "work " + work.id + " in " + category.code);
        events.submissionChanged(submission.id, me.id);
        events.fire(new SubmissionEvents.EntryReceived(submission.id, me.id));
        return submission;
    }

    @Transactional
    public Submission withdraw(String submissionId) {
        caller.requireAny(Role.ENTRANT);
        Account me = caller.requireAccount();
        Submission submission = lockOwn(submissionId, me);
        Contest contest = Contest.findById(submission.contestId, LockModeType.PESSIMISTIC_READ);
        if (contest.resultsPublished()) {
            throw ApiException.conflict("id", "Results are published: the submission can no longer be withdrawn");
        }
        if (submission.status == SubmissionStatus.WITHDRAWN) {
            return submission;
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
        return submission;
    }

    /** The caller's own submissions, newest first. */
    public List<Submission> mine(String contestId) {
        caller.requireAny(Role.ENTRANT);
        Account me = caller.requireAccount();
        if (contestId == null) {
            return Submission.list("entrantId = ?1 order by submittedAt desc, id desc", me.id);
        }
        return Submission.list("entrantId = ?1 and contestId = ?2 order by submittedAt desc, id desc", me.id,
                Ids.parse(contestId, "contestId"));
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
                        "no category " + categoryCode + " in this contest"));
        if (!category.accepts(work.kind)) {
            throw ApiException.validation(prefix + ".workId", "category " + category.code + " accepts "
                    + Arrays.toString(category.acceptedKinds) + ", not " + work.kind);
        }
        List<MediaFacts> facts = mediaFacts.factsOf(List.of(work.id)).getOrDefault(work.id, List.of());
        List<String> problems = category.rules().violations(facts);
        if (!problems.isEmpty()) {
            throw ApiException.validation(prefix + ".workId", "media does not meet the rules of category "
                    + category.code + ": " + String.join("; ", problems));
        }
        return category;
    }

    private static void checkDeclarations(Contest contest, List<Declaration> declarations) {
        Set<String> given = declarations.stream().map(Enum::name).collect(Collectors.toSet());
        List<String> missing = Arrays.stream(contest.requiredDeclarations).filter(d -> !given.contains(d)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.validation("input.declarations", "missing required declarations " + missing);
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
        if (!contest.acceptsSubmissionsAt(now)) {
            throw ApiException.conflict("contestId", "Submissions to this contest are closed (window "
                    + contest.submissionOpensAt.atZone(contest.zone()).toOffsetDateTime() + " .. "
                    + contest.submissionClosesAt.atZone(contest.zone()).toOffsetDateTime() + ")");
        }
        return new OpenContest(contest, now);
    }

    private static Work lockOwnSubmittableWork(UUID id, Account me, String field) {
        Work work = Work.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (work == null || !work.ownerId.equals(me.id)) {
            throw ApiException.notFound("Work", id);
        }
        if (work.status != WorkStatus.DRAFT && work.status != WorkStatus.WITHDRAWN) {
            throw ApiException.conflict(field, "Work " + id + " is " + work.status
                    + ": only drafts and withdrawn works can be submitted");
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
