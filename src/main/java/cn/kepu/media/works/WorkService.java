package cn.kepu.media.works;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.InLists;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import io.quarkus.panache.common.Parameters;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import cn.kepu.media.identity.Region;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.jpa.HibernateHints;

/**
 * Reads and writes works under the visibility rule ({@link WorkVisibility}): anonymous callers, media outlets and
 * judges see published works only; entrants also their own; moderators and organizers everything.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class WorkService {

    private final Caller caller;
    private final Clock clock;
    private final WorkCounts counts;
    private final BrandService brands;
    private final AgroalDataSource dataSource;

    public WorkService(Caller caller, Clock clock, WorkCounts counts, BrandService brands,
            AgroalDataSource dataSource) {
        this.caller = caller;
        this.clock = clock;
        this.counts = counts;
        this.brands = brands;
        this.dataSource = dataSource;
    }

    /**
     * Works by id for a feature that holds references to them (a contest entry, an award) and has already decided
     * who may see the referring object; unknown ids are absent. One query.
     */
    public Map<UUID, Work> byIds(Collection<UUID> ids) {
        Map<UUID, Work> works = new HashMap<>();
        if (!ids.isEmpty()) {
            Work.<Work>list("id in ?1", Set.copyOf(ids)).forEach(w -> works.put(w.id, w));
        }
        return works;
    }

    /** @throws ApiException NOT_FOUND for unknown ids and for works the caller may not see */
    public Work get(String id) {
        UUID uuid = Ids.parse(id, "id");
        Work work = Work.findById(uuid);
        if (work == null || !visibility().allows(work)) {
            throw ApiException.notFound("Work", id);
        }
        return work;
    }

    /**
     * The given works the caller may see, by id, in one statement: for pages whose ids come from elsewhere (search
     * hits, which may lag behind an unpublish), so the visibility rule is applied here and nowhere else.
     */
    public Map<UUID, Work> visibleByIds(Collection<UUID> ids) {
        return visibleByIds(ids, visibility());
    }

    /** {@link #visibleByIds(Collection)} under a given decision (package-private for the test of both paths). */
    Map<UUID, Work> visibleByIds(Collection<UUID> ids, WorkVisibility visibility) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var where = new ArrayList<String>();
        var params = new Parameters();
        visibility.hql("w", params::and).ifPresent(where::add);
        where.add("w.id in " + InLists.placeholders("id", ids));
        InLists.bind("id", ids, params::and);
        Map<UUID, Work> found = new HashMap<>();
        // Read-only: callers map the works to API records and drop them, so Hibernate keeps no snapshots.
        Work.<Work>find("from Work w where " + String.join(" and ", where), params)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list()
                .forEach(w -> found.put(w.id, w));
        return found;
    }

    /**
     * A work with the parts a page of it shows, read together ({@link #visibleWithParts}); a part not asked for is
     * null. Values only: nothing here is an entity.
     */
    public record WithParts(WorkSnapshot work, List<Creator> creators, List<TopicName> topics) {
    }

    /** A topic of a work as the API shows it (its code and names, not its place in the taxonomy). */
    public record TopicName(String code, String nameZh, String nameEn) {
    }

    /**
     * {@link #visibleByIds} with the works' creators and topics when asked, in one plain SQL statement: for a page of
     * search hits, whose works are then mapped and dropped. Hibernate would read the same rows in three statements
     * (works, creators, topics), each translated, executed and hydrated into managed entities on its own: with the
     * resolvers' batching around them, a quarter of an uncached search request's own CPU time (issue 13). What it
     * returns are values ({@link WorkSnapshot}, {@link Creator}, {@link TopicName}), never entities.
     */
    public Map<UUID, WithParts> visibleWithParts(Collection<UUID> ids, boolean withCreators, boolean withTopics) {
        return visibleWithParts(ids, withCreators, withTopics, visibility());
    }

    /** {@link #visibleWithParts(Collection, boolean, boolean)} under a given decision (see {@link #visibleByIds}). */
    Map<UUID, WithParts> visibleWithParts(Collection<UUID> ids, boolean withCreators, boolean withTopics,
            WorkVisibility visibility) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                select w.id, w.kind, w.title, w.title_en, w.description, w.description_en, w.tags, w.region,
                       w.credit_line, w.licence, w.status, w.published_at, w.created_at, w.updated_at, w.version,
                       w.has_files""");
        sql.append(withCreators ? ", c.names, c.names_en, c.affiliations, c.roles" : "");
        sql.append(withTopics ? ", t.codes, t.names_zh, t.names_en" : "");
        sql.append("\n  from work w");
        if (withCreators) {
            sql.append("""

                      left join lateral (select array_agg(c.name order by c.position) names,
                             array_agg(c.name_en order by c.position) names_en,
                             array_agg(c.affiliation order by c.position) affiliations,
                             array_agg(c.role order by c.position) roles
                        from work_creator c where c.work_id = w.id) c on true""");
        }
        if (withTopics) {
            sql.append("""

                      left join lateral (select array_agg(t.code order by t.position) codes,
                             array_agg(t.name_zh order by t.position) names_zh,
                             array_agg(t.name_en order by t.position) names_en
                        from work_topic wt join topic t on t.code = wt.topic_code where wt.work_id = w.id) t on true""");
        }
        sql.append("\n where w.id = any(?)");
        params.add(ids.stream().distinct().toArray(UUID[]::new));
        visibility.sql("w", params).ifPresent(condition -> sql.append(" and ").append(condition));
        Map<UUID, WithParts> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                Object param = params.get(i);
                if (param instanceof UUID[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("uuid", array));
                } else {
                    statement.setObject(i + 1, param);
                }
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    WorkSnapshot work = snapshotOf(row);
                    List<Creator> creators = null;
                    if (withCreators) {
                        String[] names = strings(row, "names");
                        String[] namesEn = strings(row, "names_en");
                        String[] affiliations = strings(row, "affiliations");
                        String[] roles = strings(row, "roles");
                        creators = new ArrayList<>(names.length);
                        for (int i = 0; i < names.length; i++) {
                            creators.add(new Creator(names[i], namesEn[i], affiliations[i], roles[i]));
                        }
                    }
                    List<TopicName> topics = null;
                    if (withTopics) {
                        String[] codes = strings(row, "codes");
                        String[] namesZh = strings(row, "names_zh");
                        String[] namesEn = strings(row, "names_en");
                        topics = new ArrayList<>(codes.length);
                        for (int i = 0; i < codes.length; i++) {
                            topics.add(new TopicName(codes[i], namesZh[i], namesEn[i]));
                        }
                    }
                    found.put(work.id(), new WithParts(work, creators, topics));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("Reading works by id failed", e);
        }
        return found;
    }

    /** A work's shown columns from a row of {@link #visibleWithParts}. */
    private static WorkSnapshot snapshotOf(ResultSet row) throws SQLException {
        return new WorkSnapshot(row.getObject("id", UUID.class), WorkKind.valueOf(row.getString("kind")),
                row.getString("title"), row.getString("title_en"), row.getString("description"),
                row.getString("description_en"), List.of(strings(row, "tags")), Region.valueOf(row.getString("region")),
                row.getString("credit_line"), Licence.valueOf(row.getString("licence")),
                WorkStatus.valueOf(row.getString("status")), instant(row, "published_at"), instant(row, "created_at"),
                instant(row, "updated_at"), row.getLong("version"), row.getBoolean("has_files"));
    }

    private static String[] strings(ResultSet row, String column) throws SQLException {
        java.sql.Array array = row.getArray(column);
        if (array == null) {
            return new String[0];
        }
        Object[] values = (Object[]) array.getArray();
        String[] strings = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            strings[i] = values[i] == null ? null : values[i].toString();
        }
        return strings;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    public Page<Work> list(WorkFilter filter, PageRequest page) {
        return list(filter, page, true);
    }

    /**
     * One page of visible works, newest first.
     *
     * @param withTotal whether to count every matching work as well (see {@link WorkCounts}); without it the
     *                  page's {@code totalCount} is -1 and the listing costs one indexed read whatever the library size
     */
    public Page<Work> list(WorkFilter filter, PageRequest page, boolean withTotal) {
        var where = new ArrayList<String>();
        var params = new Parameters();
        visibility().hql("w", params::and).ifPresent(where::add);
        if (filter != null) {
            applyFilter(filter, where, params);
        }
        String condition = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        long total = withTotal ? counts.count(condition, params) : -1;

        var keyset = new ArrayList<>(where);
        page.after().ifPresent(cursor -> {
            keyset.add("(w.createdAt < :afterAt or (w.createdAt = :afterAt and w.id < :afterId))");
            params.and("afterAt", cursor.at()).and("afterId", cursor.id());
        });
        String query = "from Work w where " + (keyset.isEmpty() ? "1 = 1" : String.join(" and ", keyset))
                + " order by w.createdAt desc, w.id desc";
        // Read-only: the page is mapped to API records and dropped, so Hibernate keeps no snapshots to dirty-check.
        List<Work> rows = page.first() == 0 ? List.of()
                : Work.<Work>find(query, params).withHint(HibernateHints.HINT_READ_ONLY, true)
                        .range(0, page.first()).list();
        return Page.fromOverfetched(rows, page.first(), total);
    }

    @Transactional
    public Work create(WorkInput input) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        Account owner = caller.requireAccount();
        Work work = new Work();
        work.id = UUID.randomUUID();
        work.ownerId = owner.id;
        work.status = WorkStatus.DRAFT;
        work.createdAt = now();
        apply(input, work);
        work.persist();
        return work;
    }

    /**
     * Replaces the editable fields of the caller's own work.
     *
     * @param expectedVersion the version the caller last read; a different current version is a CONFLICT
     */
    @Transactional
    public Work update(String id, long expectedVersion, WorkInput input) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        Account me = caller.requireAccount();
        Work work = get(id);
        if (!work.ownerId.equals(me.id)) {
            throw ApiException.forbidden(Msg.of("works.forbidden.notOwner", id));
        }
        if (work.version != expectedVersion) {
            throw ApiException.conflict("version", Msg.of("works.conflict.version", id, work.version, expectedVersion));
        }
        if (!work.status.editableByOwner()) {
            throw ApiException.conflict("status", Msg.of("works.conflict.status", id,
                    Msg.of("works.status." + work.status.name())));
        }
        apply(input, work);
        // Flush inside the method so a concurrent edit surfaces here as CONFLICT, not as a commit failure.
        Work.getEntityManager().flush();
        return work;
    }

    public Map<UUID, List<Creator>> creatorsOf(Collection<UUID> workIds) {
        Map<UUID, List<Creator>> byWork = new HashMap<>();
        if (workIds.isEmpty()) {
            return byWork;
        }
        var query = Work.getEntityManager()
                .createQuery("select w.id, c, index(c) from Work w join w.creators c where w.id in "
                        + InLists.placeholders("id", workIds) + " order by w.id, index(c)", Object[].class);
        InLists.bind("id", workIds, query::setParameter);
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            byWork.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add((Creator) row[1]);
        }
        return byWork;
    }

    /** The topic taxonomy in its display order. */
    public List<Topic> topics() {
        return Topic.inOrder();
    }

    public Map<UUID, List<Topic>> topicsOf(Collection<UUID> workIds) {
        Map<UUID, List<Topic>> byWork = new HashMap<>();
        if (workIds.isEmpty()) {
            return byWork;
        }
        var query = Work.getEntityManager()
                .createQuery("select w.id, t from Work w join w.topicCodes code join Topic t on t.code = code"
                        + " where w.id in " + InLists.placeholders("id", workIds) + " order by t.position",
                        Object[].class);
        InLists.bind("id", workIds, query::setParameter);
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            byWork.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add((Topic) row[1]);
        }
        return byWork;
    }

    /** Owners of the given works, for those the caller may see: the owner, moderators and organizers. */
    public Map<UUID, Account> ownersOf(Collection<UUID> workIds) {
        if (workIds.isEmpty() || caller.isAnonymous()) {
            return Map.of();
        }
        boolean staff = caller.hasAny(Role.MODERATOR, Role.ORGANIZER);
        UUID me = caller.accountId().orElse(null);
        if (!staff && me == null) {
            return Map.of();
        }
        List<Object[]> rows = Work.getEntityManager()
                .createQuery("select w.id, a from Work w join Account a on a.id = w.ownerId where w.id in :ids",
                        Object[].class)
                .setParameter("ids", workIds)
                .getResultList();
        Map<UUID, Account> owners = new HashMap<>();
        for (Object[] row : rows) {
            Account owner = (Account) row[1];
            if (staff || owner.id.equals(me)) {
                owners.put((UUID) row[0], owner);
            }
        }
        return owners;
    }

    /** Who the caller may see works of, now: {@link WorkVisibility}, for every read here and in other features. */
    public WorkVisibility visibility() {
        return WorkVisibility.of(caller, clock.instant());
    }

    private void applyFilter(WorkFilter filter, List<String> where, Parameters params) {
        if (notEmpty(filter.kinds())) {
            where.add("w.kind in :kinds");
            params.and("kinds", filter.kinds());
        }
        if (notEmpty(filter.statuses())) {
            where.add("w.status in :statuses");
            params.and("statuses", filter.statuses());
        }
        if (notEmpty(filter.regions())) {
            where.add("w.region in :regions");
            params.and("regions", filter.regions());
        }
        if (notEmpty(filter.licences())) {
            where.add("w.licence in :licences");
            params.and("licences", filter.licences());
        }
        if (notEmpty(filter.topics())) {
            where.add("exists (select 1 from Work t join t.topicCodes code where t = w and code in :topics)");
            params.and("topics", filter.topics());
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            where.add("array_contains(w.tags, :tag)");
            params.and("tag", filter.tag().strip());
        }
        if (filter.hasFiles() != null) {
            where.add("w.hasFiles = :hasFiles");
            params.and("hasFiles", filter.hasFiles());
        }
        if (Boolean.TRUE.equals(filter.mine())) {
            where.add("w.ownerId = :owner");
            params.and("owner", caller.requireAccount().id);
        }
    }

    private void apply(WorkInput input, Work work) {
        Set<String> topics = new LinkedHashSet<>(input.topics().stream().map(String::strip).toList());
        Set<String> known = Topic.<Topic>list("code in ?1", topics).stream().map(t -> t.code)
                .collect(Collectors.toSet());
        topics.stream().filter(t -> !known.contains(t)).findFirst().ifPresent(unknown -> {
            throw ApiException.validation("input.topics", Msg.of("works.topics.unknown", unknown));
        });
        work.kind = input.kind();
        work.title = input.title().strip();
        work.titleEn = blankToNull(input.titleEn());
        work.description = input.description() == null ? "" : input.description().strip();
        work.descriptionEn = blankToNull(input.descriptionEn());
        work.tags = input.tags() == null ? new String[0]
                : input.tags().stream().map(String::strip).distinct().toArray(String[]::new);
        work.topicCodes.clear();
        work.topicCodes.addAll(topics);
        work.creators.clear();
        input.creators().forEach(c -> work.creators.add(new Creator(c.name().strip(), blankToNull(c.nameEn()),
                blankToNull(c.affiliation()), blankToNull(c.role()))));
        work.region = input.region();
        work.licence = input.licence();
        work.creditLine = input.creditLine() == null || input.creditLine().isBlank()
                ? creditLineOf(input.creators())
                : input.creditLine().strip();
        applyLabels(input, work);
        work.updatedAt = now();
    }

    /** Audience, AI declaration and brand: optional in the input, so an omitted value keeps the current one. */
    private void applyLabels(WorkInput input, Work work) {
        if (input.audienceLevels() != null) {
            work.audienceLevels = input.audienceLevels().stream().filter(java.util.Objects::nonNull).distinct()
                    .sorted().map(Enum::name).toArray(String[]::new);
        }
        if (input.aiUse() != null) {
            work.aiUse = input.aiUse();
        }
        if (input.aiUseNote() != null) {
            work.aiUseNote = blankToNull(input.aiUseNote());
        }
        if (input.brandId() != null) {
            if (input.brandId().isBlank()) {
                work.brandId = null;
            } else {
                UUID brand = brands.requireFilable(input.brandId().strip(), "input.brandId").id;
                work.brandId = brand;
            }
        }
    }

    /** The audience levels, AI declarations and brands of the given works, for their API fields. One query. */
    public Map<UUID, Labels> labelsOf(Collection<UUID> workIds) {
        Map<UUID, Labels> labels = new HashMap<>();
        if (workIds.isEmpty()) {
            return labels;
        }
        Work.getEntityManager()
                .createQuery("select w.id, w.audienceLevels, w.aiUse, w.aiUseNote, w.brandId from Work w"
                        + " where w.id in :ids", Object[].class)
                .setParameter("ids", Set.copyOf(workIds))
                .getResultList()
                .forEach(row -> labels.put((UUID) row[0], new Labels(
                        java.util.Arrays.stream((String[]) row[1]).map(AudienceLevel::valueOf).toList(),
                        (AiUse) row[2], (String) row[3], (UUID) row[4])));
        return labels;
    }

    /** A work's labels as its owner set them. */
    public record Labels(List<AudienceLevel> audienceLevels, AiUse aiUse, String aiUseNote, UUID brandId) {
    }

    /** 张三（中国科学院）、李四 — the form Chinese media print under a work. */
    static String creditLineOf(List<CreatorInput> creators) {
        String line = creators.stream()
                .map(c -> c.affiliation() == null || c.affiliation().isBlank()
                        ? c.name().strip()
                        : c.name().strip() + "（" + c.affiliation().strip() + "）")
                .collect(Collectors.joining("、"));
        return line.length() <= 300 ? line : line.substring(0, 299) + "…";
    }

    // PostgreSQL keeps microseconds: truncating here makes cursors from returned objects exact.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean notEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
