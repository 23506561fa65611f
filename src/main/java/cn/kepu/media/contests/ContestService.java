package cn.kepu.media.contests;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Organizers define contests: the call, its schedule, categories with media rules, rubric and rounds. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ContestService {

    private final Caller caller;
    private final AuditLog audit;
    private final Clock clock;

    public ContestService(Caller caller, AuditLog audit, Clock clock) {
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    public Contest get(String id) {
        Contest contest = Contest.findById(Ids.parse(id, "id"));
        if (contest == null) {
            throw ApiException.notFound("Contest", id);
        }
        return contest;
    }

    /** All contests, newest first. */
    public List<Contest> list() {
        return Contest.list("order by createdAt desc, id desc");
    }

    /** Categories of the contests, in their order: one query for any number of contests. */
    public List<ContestCategory> categoriesOf(Collection<UUID> contestIds) {
        return ContestCategory.list("contestId in ?1 order by position", contestIds);
    }

    public List<RubricCriterion> rubricOf(Collection<UUID> contestIds) {
        return RubricCriterion.list("contestId in ?1 order by position", contestIds);
    }

    public List<ContestRound> roundsOf(Collection<UUID> contestIds) {
        return ContestRound.list("contestId in ?1 order by number", contestIds);
    }

    /** The contest row locked for update, so schedule changes serialize with submissions (which lock it shared). */
    public static Contest lockForUpdate(UUID id) {
        Contest contest = Contest.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (contest == null) {
            throw ApiException.notFound("Contest", id);
        }
        return contest;
    }

    @Transactional
    public Contest create(ContestInput input) {
        caller.requireAny(Role.ORGANIZER);
        Contest contest = new Contest();
        contest.id = UUID.randomUUID();
        contest.year = input.year();
        contest.title = input.title().strip();
        contest.theme = input.theme().strip();
        contest.description = input.description() == null ? "" : input.description().strip();
        contest.timeZone = zone(input.timeZone());
        applySchedule(contest, input.schedule(), "input.schedule");
        contest.entryLimit = input.entryLimit() == null ? 3 : input.entryLimit();
        if (input.requiredDeclarations() != null) {
            contest.requiredDeclarations = Declaration.names(input.requiredDeclarations().stream()
                    .filter(java.util.Objects::nonNull).distinct().toArray(Declaration[]::new));
        }
        contest.conflictSameRegion = Boolean.TRUE.equals(input.conflictSameRegion());
        if (input.disagreementThreshold() != null) {
            if (!(input.disagreementThreshold() > 0 && input.disagreementThreshold() <= 100)) {
                throw ApiException.validation("input.disagreementThreshold",
                        Msg.of("contests.validation.threshold", "input.disagreementThreshold"));
            }
            contest.disagreementThreshold = input.disagreementThreshold();
        }
        contest.createdAt = now();
        contest.persist();
        categories(contest, input.categories());
        rubric(contest, input.rubric());
        rounds(contest, input.rounds());
        audit.record(contest.id, "CONTEST_CREATED", "Contest", contest.id, contest.title);
        return contest;
    }

    @Transactional
    public Contest reschedule(String id, ContestInput.ScheduleInput schedule) {
        caller.requireAny(Role.ORGANIZER);
        Contest contest = lockForUpdate(Ids.parse(id, "id"));
        applySchedule(contest, schedule, "schedule");
        audit.record(contest.id, "CONTEST_RESCHEDULED", "Contest", contest.id, Msg.of("contests.audit.rescheduled",
                String.valueOf(contest.submissionOpensAt), String.valueOf(contest.submissionClosesAt),
                String.valueOf(contest.judgingOpensAt), String.valueOf(contest.judgingClosesAt)));
        return contest;
    }

    private static void applySchedule(Contest contest, ContestInput.ScheduleInput s, String field) {
        Instant opens = instant(s.submissionOpensAt());
        Instant closes = instant(s.submissionClosesAt());
        if (!closes.isAfter(opens)) {
            throw ApiException.validation(field + ".submissionClosesAt",
                    Msg.of("contests.validation.after", field + ".submissionClosesAt", "submissionOpensAt"));
        }
        Instant judgingOpens = instant(s.judgingOpensAt());
        Instant judgingCloses = instant(s.judgingClosesAt());
        if (judgingOpens != null && judgingCloses != null && !judgingCloses.isAfter(judgingOpens)) {
            throw ApiException.validation(field + ".judgingClosesAt",
                    Msg.of("contests.validation.after", field + ".judgingClosesAt", "judgingOpensAt"));
        }
        contest.submissionOpensAt = opens;
        contest.submissionClosesAt = closes;
        contest.judgingOpensAt = judgingOpens;
        contest.judgingClosesAt = judgingCloses;
    }

    private static void categories(Contest contest, List<ContestInput.CategoryInput> inputs) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            ContestInput.CategoryInput in = inputs.get(i);
            String field = "input.categories[" + i + "]";
            String code = code(in.code(), field + ".code", codes);
            List<String> ratios = in.aspectRatios() == null ? List.of() : in.aspectRatios().stream()
                    .filter(java.util.Objects::nonNull).map(String::strip).toList();
            for (String ratio : ratios) {
                if (Double.isNaN(MediaRules.parseRatio(ratio))) {
                    throw ApiException.validation(field + ".aspectRatios",
                            Msg.of("contests.validation.aspectRatio", field + ".aspectRatios", ratio));
                }
            }
            if (in.maxDurationSeconds() != null && !(in.maxDurationSeconds() > 0)) {
                throw ApiException.validation(field + ".maxDurationSeconds",
                        Msg.of("contests.validation.positive", field + ".maxDurationSeconds"));
            }
            ContestCategory category = new ContestCategory();
            category.id = UUID.randomUUID();
            category.contestId = contest.id;
            category.code = code;
            category.name = in.name().strip();
            category.position = i;
            category.acceptedKinds = in.acceptedKinds().stream().distinct().map(Enum::name).toArray(String[]::new);
            category.mimeTypes = in.mimeTypes() == null ? new String[0]
                    : in.mimeTypes().stream().filter(java.util.Objects::nonNull).map(m -> m.strip().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
            category.maxSizeBytes = in.maxSizeBytes();
            category.minWidth = in.minWidth();
            category.minHeight = in.minHeight();
            category.maxDurationSeconds = in.maxDurationSeconds();
            category.aspectRatios = ratios.toArray(String[]::new);
            category.aiPolicy = in.aiPolicy() == null ? AiPolicy.ALLOWED : in.aiPolicy();
            category.persist();
        }
    }

    private static void rubric(Contest contest, List<ContestInput.CriterionInput> inputs) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            ContestInput.CriterionInput in = inputs.get(i);
            String field = "input.rubric[" + i + "]";
            if (!(in.weight() > 0)) {
                throw ApiException.validation(field + ".weight",
                        Msg.of("contests.validation.positive", field + ".weight"));
            }
            RubricCriterion criterion = new RubricCriterion();
            criterion.id = UUID.randomUUID();
            criterion.contestId = contest.id;
            criterion.code = code(in.code(), field + ".code", codes);
            criterion.name = in.name().strip();
            criterion.weight = in.weight();
            criterion.scaleMax = in.scaleMax();
            criterion.position = i;
            criterion.persist();
        }
    }

    private static void rounds(Contest contest, List<ContestInput.RoundInput> inputs) {
        Integer previous = null;
        for (int i = 0; i < inputs.size(); i++) {
            ContestInput.RoundInput in = inputs.get(i);
            boolean last = i == inputs.size() - 1;
            if (!last && in.shortlistSize() == null) {
                throw ApiException.validation("input.rounds[" + i + "].shortlistSize",
                        Msg.of("contests.validation.shortlistRequired", "input.rounds[" + i + "].shortlistSize"));
            }
            if (previous != null && in.shortlistSize() != null && in.shortlistSize() >= previous) {
                throw ApiException.validation("input.rounds[" + i + "].shortlistSize",
                        Msg.of("contests.validation.shortlistShrinks", "input.rounds[" + i + "].shortlistSize",
                                previous));
            }
            ContestRound round = new ContestRound();
            round.id = UUID.randomUUID();
            round.contestId = contest.id;
            round.number = i + 1;
            round.name = in.name().strip();
            round.shortlistSize = last ? null : in.shortlistSize();
            round.judgesPerEntry = in.judgesPerEntry();
            round.persist();
            previous = in.shortlistSize();
        }
    }

    private static String code(String raw, String field, Set<String> seen) {
        String code = raw.strip().toUpperCase(java.util.Locale.ROOT);
        if (!code.matches("[A-Z0-9_]{1,40}")) {
            throw ApiException.validation(field, Msg.of("contests.validation.code", field));
        }
        if (!seen.add(code)) {
            throw ApiException.validation(field, Msg.of("contests.validation.duplicateCode", field, code));
        }
        return code;
    }

    private static String zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return "Asia/Shanghai";
        }
        try {
            return ZoneId.of(zone.strip()).getId();
        } catch (DateTimeException e) {
            throw ApiException.validation("input.timeZone", Msg.of("contests.validation.timeZone", "input.timeZone", zone));
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Now by the service's clock, at the database's precision. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
