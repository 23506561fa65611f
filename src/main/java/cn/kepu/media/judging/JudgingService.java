package cn.kepu.media.judging;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.ContestCategory;
import cn.kepu.media.contests.ContestRound;
import cn.kepu.media.contests.RubricCriterion;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Judge panels, conflicts of interest, assignment (manual and automatic) and scoring.
 *
 * <p>Conflicts are never assigned: a judge conflicts with an entry when they are its entrant, share the entrant's
 * organization or a creator's affiliation, declared that organization or recused from the entry, or (when the
 * contest asks) come from the entrant's region.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class JudgingService {

    /** A criterion value (at most {@link Aggregation#VALUE_SCALE} decimals) and comment, as a judge gives them. */
    public record Item(String criterion, BigDecimal value, String comment) {
    }

    public record PanelMember(UUID judgeId, List<String> categoryCodes, Integer maxLoad) {
    }

    /** A judge on a contest's panel as organizers read it; {@code judgeSince} (the account's creation) orders it. */
    public record PanelSeat(UUID contestId, UUID judgeId, Instant judgeSince, List<String> categoryCodes,
            Integer maxLoad) {
    }

    public record AutoAssignResult(int added, List<UUID> understaffed, int minLoad, int maxLoad) {
    }

    /** The latest revision of one judge's score. */
    public record Score(UUID id, UUID roundId, UUID submissionId, UUID judgeId, int revision, Instant submittedAt,
            List<Item> items) {
    }

    private final Caller caller;
    private final AuditLog audit;
    private final JudgingEvents events;
    private final EntityManager em;
    private final Clock clock;

    public JudgingService(Caller caller, AuditLog audit, JudgingEvents events, EntityManager em, Clock clock) {
        this.caller = caller;
        this.audit = audit;
        this.events = events;
        this.em = em;
        this.clock = clock;
    }

    // ---- panel and conflicts ----------------------------------------------------------------------------------

    @Transactional
    public void setPanel(String contestId, List<PanelMember> members) {
        caller.requireAny(Role.ORGANIZER);
        Contest contest = contest(contestId, "contestId");
        Map<String, UUID> categories = new HashMap<>();
        ContestCategory.ofContest(contest.id).forEach(c -> categories.put(c.code, c.id));
        em.createNativeQuery("delete from contest_judge where contest_id = ?1").setParameter(1, contest.id)
                .executeUpdate();
        for (int i = 0; i < members.size(); i++) {
            PanelMember m = members.get(i);
            if (Account.findById(m.judgeId()) == null) {
                throw ApiException.validation("judges[" + i + "].judgeId",
                        Msg.of("judging.panel.noAccount", "judges[" + i + "].judgeId", String.valueOf(m.judgeId())));
            }
            List<UUID> covered = new ArrayList<>();
            for (String code : m.categoryCodes() == null ? List.<String>of() : m.categoryCodes()) {
                if (code == null) {
                    continue;
                }
                UUID id = categories.get(code.strip().toUpperCase(Locale.ROOT));
                if (id == null) {
                    throw ApiException.validation("judges[" + i + "].categoryCodes",
                            Msg.of("judging.panel.noCategory", "judges[" + i + "].categoryCodes", code));
                }
                covered.add(id);
            }
            em.createNativeQuery("insert into contest_judge (contest_id, judge_id, max_load) values (?1, ?2, ?3)"
                            + " on conflict (contest_id, judge_id) do update set max_load = excluded.max_load")
                    .setParameter(1, contest.id).setParameter(2, m.judgeId()).setParameter(3, m.maxLoad())
                    .executeUpdate();
            covered.forEach(c -> em.createNativeQuery("insert into contest_judge_category (contest_id, judge_id,"
                            + " category_id) values (?1, ?2, ?3) on conflict do nothing")
                    .setParameter(1, contest.id).setParameter(2, m.judgeId()).setParameter(3, c).executeUpdate());
        }
        audit.record(contest.id, "PANEL_SET", "Contest", contest.id, Msg.of("judging.audit.panelSet", members.size()));
        members.forEach(m -> events.fire(new JudgingEvents.JudgeOnPanel(contest.id, m.judgeId())));
    }

    /**
     * The current panels of several contests, one page each (judges newest account first, as the account directory
     * orders them; {@code page.after} applies to every contest), in one query. ORGANIZER only: for anyone else the
     * map is empty. Contests without a panel map to an empty page.
     */
    public Map<UUID, Page<PanelSeat>> panels(Collection<UUID> contestIds, PageRequest page) {
        Map<UUID, Page<PanelSeat>> panels = new HashMap<>();
        if (!caller.has(Role.ORGANIZER) || contestIds.isEmpty()) {
            return panels;
        }
        Map<UUID, List<PanelSeat>> rows = new HashMap<>();
        contestIds.forEach(id -> rows.put(id, new ArrayList<>()));
        if (page.first() > 0) {
            String after = page.after().isPresent()
                    ? " and (a.created_at < :afterAt or (a.created_at = :afterAt and a.id < :afterId))" : "";
            var query = em.createNativeQuery("select contest_id, judge_id, created_at, max_load, codes from ("
                            + " select j.contest_id, j.judge_id, a.created_at, j.max_load,"
                            + " array_remove(array_agg(cc.code order by cc.code), null) as codes,"
                            + " row_number() over (partition by j.contest_id order by a.created_at desc, a.id desc) as rn"
                            + " from contest_judge j join account a on a.id = j.judge_id"
                            + " left join contest_judge_category c on c.contest_id = j.contest_id and c.judge_id = j.judge_id"
                            + " left join contest_category cc on cc.id = c.category_id"
                            + " where j.contest_id = any(:ids)" + after
                            + " group by j.contest_id, j.judge_id, a.created_at, a.id, j.max_load) t"
                            + " where rn <= :rows order by contest_id, rn")
                    .setParameter("ids", contestIds.toArray(UUID[]::new)).setParameter("rows", page.first() + 1);
            page.after().ifPresent(c -> query.setParameter("afterAt", c.at()).setParameter("afterId", c.id()));
            @SuppressWarnings("unchecked")
            List<Object[]> found = query.getResultList();
            for (Object[] r : found) {
                List<String> codes = r[4] == null ? List.of()
                        : java.util.Arrays.stream((Object[]) r[4]).map(String::valueOf).toList();
                rows.get((UUID) r[0]).add(new PanelSeat((UUID) r[0], (UUID) r[1], toInstant(r[2]), codes,
                        r[3] == null ? null : ((Number) r[3]).intValue()));
            }
        }
        rows.forEach((id, seats) -> panels.put(id, Page.fromOverfetched(seats, page.first(), -1)));
        return panels;
    }

    /** A judge declares a tie to an organization; entries from it are never assigned to them (and are unassigned). */
    @Transactional
    public int declareConflict(String contestId, String organization, String note) {
        caller.requireAny(Role.JUDGE);
        Account judge = caller.requireAccount();
        Contest contest = contest(contestId, "contestId");
        if (organization == null || organization.isBlank()) {
            throw ApiException.validation("organization", Msg.of("judging.conflict.organizationRequired"));
        }
        em.createNativeQuery("insert into judge_conflict (id, contest_id, judge_id, organization, note, declared_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, now())")
                .setParameter(1, UUID.randomUUID()).setParameter(2, contest.id).setParameter(3, judge.id)
                .setParameter(4, organization.strip()).setParameter(5, note == null ? "" : note.strip())
                .executeUpdate();
        audit.record(contest.id, "CONFLICT_DECLARED", "Account", judge.id, organization.strip());
        return removeConflictedAssignments(contest);
    }

    /** The judge steps back from an entry: the assignment goes and the conflict is remembered for later rounds. */
    @Transactional
    public void recuse(String assignmentId, String note) {
        caller.requireAny(Role.JUDGE);
        Account judge = caller.requireAccount();
        Assignment assignment = Assignment.findById(Ids.parse(assignmentId, "assignmentId"),
                LockModeType.PESSIMISTIC_WRITE);
        if (assignment == null || !assignment.judgeId.equals(judge.id)) {
            throw ApiException.notFound("Assignment", assignmentId);
        }
        Submission submission = Submission.findById(assignment.submissionId);
        em.createNativeQuery("insert into judge_conflict (id, contest_id, judge_id, submission_id, note, declared_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, now())")
                .setParameter(1, UUID.randomUUID()).setParameter(2, submission.contestId).setParameter(3, judge.id)
                .setParameter(4, submission.id).setParameter(5, note == null ? "" : note.strip()).executeUpdate();
        assignment.delete();
        audit.record(submission.contestId, "RECUSED", "Assignment", assignment.id,
                Msg.of("judging.audit.recused", judge.id.toString(), submission.entryCode));
    }

    // ---- assignment -------------------------------------------------------------------------------------------

    @Transactional
    public Assignment assign(String roundId, String submissionId, String judgeId) {
        caller.requireAny(Role.ORGANIZER);
        ContestRound round = round(roundId);
        Contest contest = Contest.findById(round.contestId);
        lockRound(round);
        UUID entry = Ids.parse(submissionId, "submissionId");
        UUID judge = Ids.parse(judgeId, "judgeId");
        List<AssignmentPlanner.Entry> entries = entriesOf(round).stream().filter(e -> e.id().equals(entry)).toList();
        if (entries.isEmpty()) {
            throw ApiException.validation("submissionId", Msg.of("judging.assign.notInRound", round.number));
        }
        AssignmentPlanner.Judge member = panel(contest).stream().filter(j -> j.id().equals(judge)).findFirst()
                .orElseThrow(() -> ApiException.validation("judgeId", Msg.of("judging.assign.notOnPanel")));
        if (!member.categories().isEmpty() && !member.categories().contains(entries.get(0).categoryId())) {
            throw ApiException.conflict("judgeId", Msg.of("judging.assign.category"));
        }
        if (conflicts(contest, entries, List.of(member)).contains(new AssignmentPlanner.Pair(entry, judge))) {
            throw ApiException.conflict("judgeId", Msg.of("judging.assign.conflictOfInterest"));
        }
        if (Assignment.count("roundId = ?1 and submissionId = ?2 and judgeId = ?3", round.id, entry, judge) > 0) {
            throw ApiException.conflict("judgeId", Msg.of("judging.assign.duplicate"));
        }
        return persist(round, contest, entry, judge);
    }

    /**
     * Fills every entry of the round up to the round's judges per entry, balancing loads. Runs of the same round are
     * serialized by an advisory lock and each run plans against the assignments already there, so concurrent runs
     * never double-assign.
     */
    @Transactional
    public AutoAssignResult autoAssign(String roundId) {
        caller.requireAny(Role.ORGANIZER);
        ContestRound round = round(roundId);
        Contest contest = Contest.findById(round.contestId);
        lockRound(round);
        List<AssignmentPlanner.Entry> entries = entriesOf(round);
        List<AssignmentPlanner.Judge> judges = panel(contest);
        if (judges.isEmpty()) {
            throw ApiException.conflict("roundId", Msg.of("judging.assign.noPanel"));
        }
        Set<AssignmentPlanner.Pair> existing = new HashSet<>();
        Assignment.<Assignment>list("roundId", round.id)
                .forEach(a -> existing.add(new AssignmentPlanner.Pair(a.submissionId, a.judgeId)));
        AssignmentPlanner.Plan plan = AssignmentPlanner.plan(entries, judges, conflicts(contest, entries, judges),
                existing, round.judgesPerEntry);
        insertAll(round, contest, plan.added());
        Map<UUID, Integer> load = new HashMap<>();
        judges.forEach(j -> load.put(j.id(), 0));
        existing.forEach(p -> load.merge(p.judgeId(), 1, Integer::sum));
        plan.added().forEach(p -> load.merge(p.judgeId(), 1, Integer::sum));
        audit.record(contest.id, "AUTO_ASSIGNED", "Round", round.id, Msg.of("judging.audit.autoAssigned",
                plan.added().size(), plan.understaffed().size()));
        return new AutoAssignResult(plan.added().size(), plan.understaffed(),
                load.values().stream().min(Integer::compare).orElse(0),
                load.values().stream().max(Integer::compare).orElse(0));
    }

    /** An assignment's audit detail, in the reader's language when read. */
    private static Msg assigned(ContestRound round, UUID judge, UUID entry) {
        return Msg.of("judging.audit.assigned", round.number, judge.toString(), entry.toString());
    }

    /** One statement for the assignments and one for their audit events: 6000 rows are one round trip each. */
    private void insertAll(ContestRound round, Contest contest, List<AssignmentPlanner.Pair> pairs) {
        if (pairs.isEmpty()) {
            return;
        }
        UUID[] ids = new UUID[pairs.size()];
        UUID[] entries = new UUID[pairs.size()];
        UUID[] judges = new UUID[pairs.size()];
        String[] auditIds = new String[pairs.size()];
        Msg[] details = new Msg[pairs.size()];
        for (int i = 0; i < ids.length; i++) {
            AssignmentPlanner.Pair p = pairs.get(i);
            ids[i] = UUID.randomUUID();
            entries[i] = p.entryId();
            judges[i] = p.judgeId();
            auditIds[i] = ids[i].toString();
            details[i] = assigned(round, p.judgeId(), p.entryId());
        }
        em.createNativeQuery("insert into assignment (id, round_id, submission_id, judge_id, automatic, assigned_at)"
                        + " select unnest(cast(?1 as uuid[])), ?2, unnest(cast(?3 as uuid[])),"
                        + " unnest(cast(?4 as uuid[])), true, ?5")
                .setParameter(1, ids).setParameter(2, round.id).setParameter(3, entries).setParameter(4, judges)
                .setParameter(5, now()).executeUpdate();
        audit.recordAll(contest.id, "ASSIGNED_AUTO", "Assignment", auditIds, details);
        for (int i = 0; i < ids.length; i++) {
            events.assignmentAdded(ids[i], judges[i]);
        }
    }

    private Assignment persist(ContestRound round, Contest contest, UUID entry, UUID judge) {
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.roundId = round.id;
        a.submissionId = entry;
        a.judgeId = judge;
        a.automatic = false;
        a.assignedAt = now();
        a.persist();
        audit.record(contest.id, "ASSIGNED", "Assignment", a.id, assigned(round, judge, entry));
        events.assignmentAdded(a.id, judge);
        return a;
    }

    /** Round 1 holds every accepted submission; later rounds the shortlist of the previous one. */
    public List<AssignmentPlanner.Entry> entriesOf(ContestRound round) {
        String sql = round.number == 1
                ? "select s.id, s.category_id from submission s where s.contest_id = ?1 and s.status = 'ACCEPTED'"
                : "select s.id, s.category_id from round_entry r join submission s on s.id = r.submission_id"
                        + " where r.round_id = ?1 and s.status = 'ACCEPTED'";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql + " order by s.id")
                .setParameter(1, round.number == 1 ? round.contestId : round.id).getResultList();
        return rows.stream().map(r -> new AssignmentPlanner.Entry((UUID) r[0], (UUID) r[1])).toList();
    }

    private List<AssignmentPlanner.Judge> panel(Contest contest) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select j.judge_id, j.max_load, array_remove(array_agg(c.category_id),"
                        + " null) from contest_judge j left join contest_judge_category c on c.contest_id = j.contest_id"
                        + " and c.judge_id = j.judge_id where j.contest_id = ?1 group by j.judge_id, j.max_load"
                        + " order by j.judge_id")
                .setParameter(1, contest.id).getResultList();
        return rows.stream().map(r -> new AssignmentPlanner.Judge((UUID) r[0],
                r[2] == null ? Set.of() : Set.of((UUID[]) r[2]),
                r[1] == null ? null : ((Number) r[1]).intValue())).toList();
    }

    /** Every (entry, judge) pair that must never be assigned; computed from accounts, creators and declarations. */
    Set<AssignmentPlanner.Pair> conflicts(Contest contest, List<AssignmentPlanner.Entry> entries,
            List<AssignmentPlanner.Judge> judges) {
        Set<AssignmentPlanner.Pair> conflicts = new HashSet<>();
        if (entries.isEmpty() || judges.isEmpty()) {
            return conflicts;
        }
        record Party(UUID accountId, Set<String> organizations, String region) {
        }
        Map<UUID, Party> entrants = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> entryRows = em.createNativeQuery("select s.id, a.id, a.organization, a.region,"
                        + " array_remove(array_agg(c.affiliation), null) from submission s join account a on a.id = s.entrant_id"
                        + " left join work_creator c on c.work_id = s.work_id where s.id = any(?1)"
                        + " group by s.id, a.id, a.organization, a.region")
                .setParameter(1, entries.stream().map(AssignmentPlanner.Entry::id).toArray(UUID[]::new))
                .getResultList();
        for (Object[] r : entryRows) {
            Set<String> orgs = new HashSet<>();
            addOrg(orgs, (String) r[2]);
            if (r[4] != null) {
                for (String affiliation : (String[]) r[4]) {
                    addOrg(orgs, affiliation);
                }
            }
            entrants.put((UUID) r[0], new Party((UUID) r[1], orgs, (String) r[3]));
        }
        Map<UUID, Party> judgeParties = new HashMap<>();
        Map<UUID, Set<UUID>> recused = new HashMap<>();
        UUID[] judgeIds = judges.stream().map(AssignmentPlanner.Judge::id).toArray(UUID[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> judgeRows = em.createNativeQuery("select a.id, a.organization, a.region from account a"
                + " where a.id = any(?1)").setParameter(1, judgeIds).getResultList();
        for (Object[] r : judgeRows) {
            Set<String> orgs = new HashSet<>();
            addOrg(orgs, (String) r[1]);
            judgeParties.put((UUID) r[0], new Party((UUID) r[0], orgs, (String) r[2]));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> declared = em.createNativeQuery("select judge_id, organization, submission_id from judge_conflict"
                + " where contest_id = ?1").setParameter(1, contest.id).getResultList();
        for (Object[] r : declared) {
            Party judge = judgeParties.get((UUID) r[0]);
            if (judge != null && r[1] != null) {
                addOrg(judge.organizations(), (String) r[1]);
            }
            if (r[2] != null) {
                recused.computeIfAbsent((UUID) r[0], k -> new HashSet<>()).add((UUID) r[2]);
            }
        }
        for (AssignmentPlanner.Entry entry : entries) {
            Party entrant = entrants.get(entry.id());
            for (AssignmentPlanner.Judge j : judges) {
                Party judge = judgeParties.get(j.id());
                boolean conflicted = judge.accountId().equals(entrant.accountId())
                        || judge.organizations().stream().anyMatch(entrant.organizations()::contains)
                        || recused.getOrDefault(j.id(), Set.of()).contains(entry.id())
                        || contest.conflictSameRegion && judge.region().equals(entrant.region());
                if (conflicted) {
                    conflicts.add(new AssignmentPlanner.Pair(entry.id(), j.id()));
                }
            }
        }
        return conflicts;
    }

    private int removeConflictedAssignments(Contest contest) {
        int removed = 0;
        List<AssignmentPlanner.Judge> judges = panel(contest);
        for (ContestRound round : ContestRound.ofContest(contest.id)) {
            Set<AssignmentPlanner.Pair> conflicts = conflicts(contest, entriesOf(round), judges);
            for (Assignment a : Assignment.<Assignment>list("roundId", round.id)) {
                if (conflicts.contains(new AssignmentPlanner.Pair(a.submissionId, a.judgeId))) {
                    a.delete();
                    audit.record(contest.id, "UNASSIGNED_CONFLICT", "Assignment", a.id,
                            Msg.of("judging.audit.unassignedConflict", a.judgeId.toString()));
                    removed++;
                }
            }
        }
        return removed;
    }

    private static void addOrg(Set<String> orgs, String organization) {
        if (organization != null && !organization.isBlank()) {
            orgs.add(organization.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", ""));
        }
    }

    // ---- scoring ----------------------------------------------------------------------------------------------

    /**
     * Appends a new revision of the judge's score for the assignment; earlier revisions stay. The assignment row is
     * locked, so two submits by the same judge get revisions n and n+1, never two n.
     */
    @Transactional
    public Score submitScore(String assignmentId, List<Item> items) {
        caller.requireAny(Role.JUDGE);
        Account judge = caller.requireAccount();
        Assignment assignment = Assignment.findById(Ids.parse(assignmentId, "assignmentId"),
                LockModeType.PESSIMISTIC_WRITE);
        if (assignment == null || !assignment.judgeId.equals(judge.id)) {
            throw ApiException.notFound("Assignment", assignmentId);
        }
        Submission submission = Submission.findById(assignment.submissionId);
        Contest contest = Contest.findById(submission.contestId);
        if (!contest.judgingOpenAt(clock.instant()) || contest.resultsPublished()) {
            throw ApiException.conflict("assignmentId", Msg.of("judging.score.closed"));
        }
        if (submission.status != SubmissionStatus.ACCEPTED) {
            throw ApiException.conflict("assignmentId", Msg.of("judging.score.notInJudging"));
        }
        Map<String, RubricCriterion> rubric = new LinkedHashMap<>();
        RubricCriterion.ofContest(contest.id).forEach(c -> rubric.put(c.code, c));
        Map<String, Item> given = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String code = item.criterion() == null ? "" : item.criterion().strip().toUpperCase(Locale.ROOT);
            RubricCriterion criterion = rubric.get(code);
            if (criterion == null) {
                throw ApiException.validation("items[" + i + "].criterion", Msg.of("judging.score.unknownCriterion",
                        "items[" + i + "].criterion", item.criterion(), String.join(", ", rubric.keySet())));
            }
            BigDecimal value = item.value();
            if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(criterion.scaleMax)) > 0) {
                throw ApiException.validation("items[" + i + "].value",
                        Msg.of("judging.score.range", "items[" + i + "].value", criterion.scaleMax));
            }
            if (value.stripTrailingZeros().scale() > Aggregation.VALUE_SCALE) {
                throw ApiException.validation("items[" + i + "].value",
                        Msg.of("judging.score.scale", value.toPlainString(), Aggregation.VALUE_SCALE));
            }
            value = value.setScale(Aggregation.VALUE_SCALE, RoundingMode.UNNECESSARY);
            if (given.put(code, new Item(code, value, item.comment() == null ? "" : item.comment().strip())) != null) {
                throw ApiException.validation("items[" + i + "].criterion",
                        Msg.of("judging.score.twice", "items[" + i + "].criterion", code));
            }
        }
        List<String> missing = rubric.keySet().stream().filter(c -> !given.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.validation("items", Msg.of("judging.score.missing", String.join(", ", missing)));
        }
        int revision = ((Number) em.createNativeQuery("select coalesce(max(revision), 0) + 1 from score"
                        + " where round_id = ?1 and submission_id = ?2 and judge_id = ?3")
                .setParameter(1, assignment.roundId).setParameter(2, assignment.submissionId)
                .setParameter(3, judge.id).getSingleResult()).intValue();
        UUID id = UUID.randomUUID();
        Instant now = now();
        em.createNativeQuery("insert into score (id, round_id, submission_id, judge_id, revision, submitted_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, id).setParameter(2, assignment.roundId).setParameter(3, assignment.submissionId)
                .setParameter(4, judge.id).setParameter(5, revision).setParameter(6, now).executeUpdate();
        for (Item item : given.values()) {
            em.createNativeQuery("insert into score_item (score_id, criterion_code, value, comment)"
                            + " values (?1, ?2, ?3, ?4)")
                    .setParameter(1, id).setParameter(2, item.criterion()).setParameter(3, item.value())
                    .setParameter(4, item.comment()).executeUpdate();
        }
        audit.record(contest.id, "SCORED", "Assignment", assignment.id, Msg.of("judging.audit.scored", revision));
        return new Score(id, assignment.roundId, assignment.submissionId, judge.id, revision, now,
                List.copyOf(given.values()));
    }

    /** Latest revision of every score in the round whose assignment still stands (recusal drops a score). */
    public List<Score> latestScores(UUID roundId, Set<UUID> submissionIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.id, s.submission_id, s.judge_id, s.revision, s.submitted_at,"
                        + " i.criterion_code, i.value, i.comment from score s join score_item i on i.score_id = s.id"
                        + " join assignment a on a.round_id = s.round_id and a.submission_id = s.submission_id"
                        + " and a.judge_id = s.judge_id where s.round_id = ?1 and s.submission_id = any(?2)"
                        + " and s.revision = (select max(x.revision) from score x where x.round_id = s.round_id"
                        + " and x.submission_id = s.submission_id and x.judge_id = s.judge_id)"
                        + " order by s.submission_id, s.judge_id, i.criterion_code")
                .setParameter(1, roundId).setParameter(2, submissionIds.toArray(UUID[]::new)).getResultList();
        Map<UUID, Score> byId = new LinkedHashMap<>();
        for (Object[] r : rows) {
            Score score = byId.computeIfAbsent((UUID) r[0], k -> new Score(k, roundId, (UUID) r[1], (UUID) r[2],
                    ((Number) r[3]).intValue(), toInstant(r[4]), new ArrayList<>()));
            score.items().add(new Item((String) r[5], decimal(r[6]), (String) r[7]));
        }
        return List.copyOf(byId.values());
    }

    /** The judge's own assignments in a contest, round by round. */
    public List<Assignment> myAssignments(String contestId) {
        caller.requireAny(Role.JUDGE);
        Account judge = caller.requireAccount();
        UUID contest = Ids.parse(contestId, "contestId");
        // Withdrawn or rejected entries leave the judge's list; their assignments stay on record.
        return Assignment.list("judgeId = ?1 and roundId in (select r.id from ContestRound r where r.contestId = ?2)"
                + " and submissionId in (select s.id from Submission s where s.status = ?3)"
                + " order by assignedAt, id", judge.id, contest, SubmissionStatus.ACCEPTED);
    }

    public Caller caller() {
        return caller;
    }

    private Contest contest(String id, String field) {
        Contest contest = Contest.findById(Ids.parse(id, field));
        if (contest == null) {
            throw ApiException.notFound("Contest", id);
        }
        return contest;
    }

    public static ContestRound round(String roundId) {
        ContestRound round = ContestRound.findById(Ids.parse(roundId, "roundId"));
        if (round == null) {
            throw ApiException.notFound("Round", roundId);
        }
        return round;
    }

    void lockRound(ContestRound round) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "round:" + round.id).getSingleResult();
    }

    /** A stored criterion value at its fixed scale (numeric comes back as BigDecimal; anything else exactly too). */
    static BigDecimal decimal(Object value) {
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        return d.setScale(Aggregation.VALUE_SCALE, RoundingMode.HALF_UP);
    }

    static Instant toInstant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp " + value.getClass());
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
