package cn.kepu.media.search;

import cn.kepu.media.search.text.TextAnalysis;
import cn.kepu.media.works.AiLabel;
import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.AiUse;
import cn.kepu.media.works.MediaFacts;
import cn.kepu.media.works.WorkMediaFacts;
import cn.kepu.media.works.WorkStatus;
import cn.kepu.media.works.WorkVisibility;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGStatement;

/**
 * Builds search documents from PostgreSQL with plain JDBC: one statement for any number of works, so indexing 100 000
 * works costs 100 statements, and ORM statistics measure API requests only. The document and its version are read
 * in one snapshot (the caller's transaction), which is what makes external versioning exact. This class owns the
 * index's field names together with schema/elasticsearch/works-v4.json, and the stored documents (search_document,
 * V166): each document as built, kept at its version so that a reindex sends it without building it again.
 */
@ApplicationScoped
public class SearchDocuments {

    private static final String SELECT = """
            select w.id, w.kind, w.title, w.title_en, w.description, w.description_en, w.tags, w.region, w.licence,
                   w.owner_id, w.status, w.published_at, w.created_at, sv.version,
                   w.audience_levels, w.ai_use, w.brand_id,
                   array(select distinct m.ai_label from media_asset m where m.work_id = w.id
                         and m.ai_label is not null) ai_labels,
                   array(select t.topic_code from work_topic t where t.work_id = w.id order by t.topic_code) topics,
                   array(select concat_ws(' ', c.name, c.name_en) from work_creator c where c.work_id = w.id
                         order by c.position) creators,
                   array(select c.affiliation from work_creator c where c.work_id = w.id and c.affiliation is not null
                         order by c.position) affiliations,
                   array(select cw.collection_id::text from collection_work cw where cw.work_id = w.id) collections,
                   array(select distinct s.contest_id::text from submission s where s.work_id = w.id
                         and s.status <> 'WITHDRAWN') contests,
                   -- Tiers are public only once the contest published its results; raw scores never leave judging.
                   array(select aw.tier from award aw join submission s on s.id = aw.submission_id
                         join contest c on c.id = aw.contest_id
                         where s.work_id = w.id and c.results_published_at is not null) award_tiers,
                   coalesce((select d.downloads from work_download_count d where d.work_id = w.id), 0) downloads
            from work w
            join search_version sv on sv.work_id = w.id
            """;

    /**
     * What a reindex reads per page: the works, their search versions and, where one is exact, the stored document.
     * The {@code %n$s} are the page's bounds on each table's key (see {@link #readPage}): PostgreSQL does not carry a
     * range on w.id over to the joined keys, and its merge joins then read search_version and search_document from
     * their first row for every page (measured: 0.7 s for a page in the upper half of 100 000 works).
     */
    private static final String PAGE = """
            select w.id, sv.version, d.body, d.fresh_until
            from work w
            join search_version sv on sv.work_id = w.id and %2$s
            left join search_document d on d.work_id = w.id and %3$s and d.version = sv.version and d.builder = ?
                 and (d.fresh_until is null or d.fresh_until > ?)
            where %1$s
            order by w.id limit ?""";

    /**
     * Upserts stored documents (parameters: this {@link #BUILDER}, then ids, versions, fresh-until instants and bodies
     * as arrays). In id order, so two passes storing overlapping works lock their rows in the same order.
     */
    private static final String STORE = """
            insert into search_document (work_id, version, builder, fresh_until, body)
            select d.work_id, d.version, ?, d.fresh_until::timestamptz, d.body
              from unnest(?::uuid[], ?::bigint[], ?::text[], ?::bytea[]) as d(work_id, version, fresh_until, body)
             order by d.work_id
            on conflict (work_id) do update
               set version = excluded.version, builder = excluded.builder, fresh_until = excluded.fresh_until,
                   body = excluded.body
             where search_document.version <= excluded.version""";

    /**
     * Which code built a stored document: a stored one is sent as it is only when its builder is this one. Bump the
     * number whenever this class or {@link TextAnalysis} would give any work a different document (a field, its
     * order or format, the word analysis; {@code SearchDocumentsTest} holds a document of each shape and fails until
     * the number moves with it); Lucene's version is part of it, since the segmenter's dictionary comes with Lucene.
     * A new number makes the next reindex build every work again.
     */
    static final String BUILDER = "2/lucene-" + org.apache.lucene.util.Version.LATEST;

    /** Longest text {@link #joinedShort} remembers, and how many it remembers at most. */
    private static final int SHORT_TEXT = 64;
    private static final int SHORT_TEXTS = 20_000;

    private final Map<String, String> shortTexts = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final WorkMediaFacts mediaFacts;
    private final Clock clock;

    public SearchDocuments(ObjectMapper json, WorkMediaFacts mediaFacts, Clock clock) {
        this.json = json;
        this.mediaFacts = mediaFacts;
        this.clock = clock;
    }

    /** Documents of the given works; works that no longer exist come back as deletions at their last version. */
    public List<SearchDocument> load(Connection connection, Collection<UUID> workIds) throws SQLException {
        if (workIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, SearchDocument> found = new LinkedHashMap<>();
        for (WorkRow row : rows(connection, workIds)) {
            found.put(row.id(), build(row));
        }
        Set<UUID> gone = new LinkedHashSet<>(workIds);
        gone.removeAll(found.keySet());
        if (!gone.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select work_id, version from search_version where work_id = any(?)")) {
                statement.setArray(1, connection.createArrayOf("uuid", gone.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        found.put(id, SearchDocument.gone(id, rows.getLong(2)));
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** The rows of the given works that exist, read (not built) in one statement. */
    private List<WorkRow> rows(Connection connection, Collection<UUID> workIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " where w.id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", workIds.toArray()));
            return read(connection, statement);
        }
    }

    /**
     * A reindex's page: the works with ids in {@code [from, to)} (to null: no upper bound), in id order, after
     * {@code afterId} (null for the first page). Works whose stored document is exact (its version is the work's
     * search version, read in the same statement; this build's {@link #BUILDER}; not past its
     * {@code fresh_until}) come back as that document, the others as rows to {@link #build(List)}. A reindex reads
     * several ranges on their own threads and builds and sends on others. Fixed statement shapes rather than
     * {@code ? is null or w.id > ?}: PostgreSQL's generic plan for that cannot use the key as a range and filtered
     * every row before the page (page k read k pages; measured 47 of 74 ms at 80 000 works).
     */
    public Page readPage(Connection connection, UUID from, UUID to, UUID afterId, int size) throws SQLException {
        String sql = PAGE.formatted(bounds("w.id", afterId, to), bounds("sv.work_id", afterId, to),
                bounds("d.work_id", afterId, to));
        List<SearchDocument> stored = new ArrayList<>(size);
        List<UUID> toBuild = new ArrayList<>();
        UUID last = null;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binaryResults(statement);
            int parameter = 1;
            // In the order of the text: the bounds on search_version, on search_document, the stored document's
            // conditions, the bounds on work, the page size.
            for (int table = 0; table < 2; table++) {
                statement.setObject(parameter++, afterId == null ? from : afterId);
                if (to != null) {
                    statement.setObject(parameter++, to);
                }
            }
            statement.setString(parameter++, BUILDER);
            statement.setTimestamp(parameter++, Timestamp.from(clock.instant()));
            statement.setObject(parameter++, afterId == null ? from : afterId);
            if (to != null) {
                statement.setObject(parameter++, to);
            }
            statement.setInt(parameter, size);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    last = rows.getObject(1, UUID.class);
                    byte[] body = rows.getBytes(3);
                    if (body == null) {
                        toBuild.add(last);
                    } else {
                        Timestamp freshUntil = rows.getTimestamp(4);
                        stored.add(new SearchDocument(last, rows.getLong(2), body,
                                freshUntil == null ? null : freshUntil.toInstant()));
                    }
                }
            }
        }
        // Built from a statement of their own: each row carries the version of the snapshot it was read in.
        return new Page(stored, toBuild.isEmpty() ? List.of() : rows(connection, toBuild), last);
    }

    /** A page's bounds on one key: after the last id read (from the range's start on the first page), below its end. */
    private static String bounds(String key, UUID afterId, UUID to) {
        return key + (afterId == null ? " >= ?" : " > ?") + (to == null ? "" : " and " + key + " < ?");
    }

    /**
     * One page of a reindex: the stored documents it can send as they are, the rows it must build, and the last id it
     * covered (null when the range has no more works).
     */
    public record Page(List<SearchDocument> stored, List<WorkRow> toBuild, UUID last) {

        public int size() {
            return stored.size() + toBuild.size();
        }
    }

    /** The documents of rows read by {@link #readPage}, in their order. Thread-safe. */
    public List<SearchDocument> build(List<WorkRow> rows) {
        List<SearchDocument> built = new ArrayList<>(rows.size());
        for (WorkRow row : rows) {
            built.add(build(row));
        }
        return built;
    }

    /**
     * Keeps documents as built for their versions (search_document, V166), for the next reindex; deletions remove the
     * work's row. In the caller's transaction: the indexer stores in the one that claimed the outbox rows, which read
     * the documents. A document never replaces a newer version's; at the same version the later build wins (the same
     * state, built by this or a newer builder, or after its {@code fresh_until}).
     */
    public void store(Connection connection, Collection<SearchDocument> documents) throws SQLException {
        List<SearchDocument> built = new ArrayList<>(documents.size());
        List<UUID> deleted = new ArrayList<>();
        for (SearchDocument doc : documents) {
            if (doc.source() == null) {
                deleted.add(doc.id());
            } else {
                built.add(doc);
            }
        }
        if (!built.isEmpty()) {
            UUID[] ids = new UUID[built.size()];
            Long[] versions = new Long[built.size()];
            String[] freshUntil = new String[built.size()];
            byte[][] bodies = new byte[built.size()][];
            for (int i = 0; i < ids.length; i++) {
                SearchDocument doc = built.get(i);
                ids[i] = doc.id();
                versions[i] = doc.version();
                freshUntil[i] = doc.freshUntil() == null ? null : doc.freshUntil().toString();
                bodies[i] = doc.source();
            }
            try (PreparedStatement upsert = connection.prepareStatement(STORE)) {
                upsert.setString(1, BUILDER);
                upsert.setArray(2, connection.createArrayOf("uuid", ids));
                upsert.setArray(3, connection.createArrayOf("bigint", versions));
                upsert.setArray(4, connection.createArrayOf("text", freshUntil));
                upsert.setArray(5, connection.createArrayOf("bytea", bodies));
                upsert.executeUpdate();
            }
        }
        if (!deleted.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from search_document where work_id = any(?)")) {
                delete.setArray(1, connection.createArrayOf("uuid", deleted.toArray()));
                delete.executeUpdate();
            }
        }
    }

    /**
     * Removes stored documents whose work is gone: the indexer deletes them with the work, but one whose document
     * was being stored by another pass or a reindex at that moment can outlive it.
     *
     * @return rows removed
     */
    public int pruneStored(Connection connection) throws SQLException {
        try (PreparedStatement prune = connection.prepareStatement("""
                delete from search_document d where not exists (select 1 from work w where w.id = d.work_id)""")) {
            return prune.executeUpdate();
        }
    }

    /**
     * Binary results for this statement from its first execution (pgjdbc would switch only from the fifth): a stored
     * document then arrives as its bytes, not as hex text twice its size to decode.
     */
    private static void binaryResults(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        }
    }

    /**
     * A work as read from PostgreSQL: the work's columns and related rows, its labels and its media facts. Plain
     * values only, so it can be built on any thread.
     */
    public record WorkRow(UUID id, long version, String kind, String status, UUID ownerId, String title,
            String titleEn, String description, String descriptionEn, List<String> tags, List<String> creators,
            List<String> affiliations, List<String> topics, String region, String licence, List<String> collections,
            List<String> contests, List<String> awardTiers, long downloads, Instant publishedAt, Instant createdAt,
            Labels labels, List<MediaFacts> media) {

        WorkRow with(List<MediaFacts> media) {
            return new WorkRow(id, version, kind, status, ownerId, title, titleEn, description, descriptionEn, tags,
                    creators, affiliations, topics, region, licence, collections, contests, awardTiers, downloads,
                    publishedAt, createdAt, labels, media);
        }
    }

    /** Audience levels, brand and the AI use as declared and as detected in the files. */
    public record Labels(List<String> audienceLevels, UUID brandId, String aiDeclared, List<String> aiDetected) {
    }

    private List<WorkRow> read(Connection connection, PreparedStatement statement) throws SQLException {
        Map<UUID, WorkRow> read = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                WorkRow row = row(rows);
                read.put(row.id(), row);
            }
        }
        if (read.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<MediaFacts>> facts = mediaFacts.factsOf(connection, read.keySet());
        List<WorkRow> complete = new ArrayList<>(read.size());
        read.forEach((id, row) -> complete.add(row.with(facts.getOrDefault(id, List.of()))));
        return complete;
    }

    private static WorkRow row(ResultSet row) throws SQLException {
        Timestamp publishedAt = row.getTimestamp("published_at");
        return new WorkRow(row.getObject("id", UUID.class), row.getLong("version"), row.getString("kind"),
                row.getString("status"), row.getObject("owner_id", UUID.class), row.getString("title"),
                row.getString("title_en"), row.getString("description"), row.getString("description_en"),
                strings(row.getArray("tags")), strings(row.getArray("creators")),
                strings(row.getArray("affiliations")), strings(row.getArray("topics")), row.getString("region"),
                row.getString("licence"), strings(row.getArray("collections")), strings(row.getArray("contests")),
                strings(row.getArray("award_tiers")), row.getLong("downloads"),
                publishedAt == null ? null : publishedAt.toInstant(), row.getTimestamp("created_at").toInstant(),
                new Labels(strings(row.getArray("audience_levels")), row.getObject("brand_id", UUID.class),
                        row.getString("ai_use"), strings(row.getArray("ai_labels"))),
                List.of());
    }

    /**
     * The document of one row, written field by field into UTF-8 bytes (no tree: building and serialising Jackson
     * trees was a quarter of a reindex's CPU), its fields in the order they have always had (media facts, then
     * labels, last). A work published for a later time has no autocomplete entry until then: such a document is
     * fresh only until its publication time.
     */
    private SearchDocument build(WorkRow row) {
        Instant now = clock.instant();
        Instant publishedAt = row.publishedAt();
        boolean published = "PUBLISHED".equals(row.status()) && publishedAt != null;
        boolean publiclyVisible = WorkVisibility.isPublic(WorkStatus.valueOf(row.status()), publishedAt, now);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = json.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            source(out, row, publiclyVisible);
            mediaFacts(out, row.media());
            labels(out, row.labels());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing into memory cannot fail", e);
        }
        return new SearchDocument(row.id(), row.version(), bytes.toByteArray(),
                published && !publiclyVisible ? publishedAt : null);
    }

    /**
     * Audience levels, brand and the AI label (declared, detected in the files, the two combined, and whether they
     * disagree: see {@link AiLabel}).
     */
    private static void labels(JsonGenerator out, Labels labels) throws IOException {
        array(out, "audienceLevels", labels.audienceLevels());
        if (labels.brandId() != null) {
            out.writeStringField("brandId", labels.brandId().toString());
        }
        String declared = labels.aiDeclared();
        List<String> detected = labels.aiDetected();
        AiLabel label = new AiLabel(declared == null ? null : AiUse.valueOf(declared),
                detected.stream().map(AiLabelKind::valueOf).toList());
        out.writeStringField("aiDeclared", declared == null ? "UNDECLARED" : declared);
        array(out, "aiDetected", detected);
        out.writeBooleanField("aiGenerated", label.aiGenerated());
        out.writeBooleanField("aiMismatch", label.mismatch());
    }

    private void source(JsonGenerator out, WorkRow row, boolean publiclyVisible) throws IOException {
        out.writeStringField("id", row.id().toString());
        out.writeStringField("kind", row.kind());
        out.writeStringField("status", row.status());
        out.writeStringField("ownerId", row.ownerId().toString());
        out.writeStringField("title", row.title());
        optional(out, "titleEn", row.titleEn());
        out.writeStringField("description", row.description());
        optional(out, "descriptionEn", row.descriptionEn());
        List<String> tags = row.tags();
        array(out, "tags", tags);
        List<String> creators = row.creators();
        array(out, "creators", creators);
        // Affiliations as written on the work. The uploading account (and its organisation) is not public and
        // must neither be searchable, nor highlighted, nor lift ranking: it stays out of the document.
        List<String> affiliations = List.copyOf(new LinkedHashSet<>(row.affiliations()));
        array(out, "affiliations", affiliations);
        words(out, row.title(), row.titleEn(), row.description(), row.descriptionEn(), tags, creators, affiliations);
        array(out, "topics", row.topics());
        out.writeStringField("region", row.region());
        out.writeStringField("licence", row.licence());
        array(out, "collectionIds", row.collections());
        array(out, "contestIds", row.contests());
        array(out, "awardTiers", row.awardTiers());
        out.writeNumberField("downloads", row.downloads());
        if (row.publishedAt() != null) {
            out.writeStringField("publishedAt", row.publishedAt().toString());
        }
        out.writeStringField("createdAt", row.createdAt().toString());
        if (publiclyVisible) {
            // Only public works feed autocomplete: the completion suggester cannot apply the visibility query.
            out.writeObjectFieldStart("suggest");
            out.writeArrayFieldStart("input");
            out.writeString(row.title());
            if (row.titleEn() != null) {
                out.writeString(row.titleEn());
            }
            for (String tag : tags) {
                out.writeString(tag);
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    /**
     * The word fields: each text analysed by {@link TextAnalysis} and joined by spaces, which is all the index's
     * whitespace analyser has to do. Multi-valued fields keep one value per entry, so phrases never span two tags.
     * Then the Han word fields' runs ({@link TextAnalysis#runs}: where a Chinese word starts inside a longer word or
     * a run of words, SearchQueries.contained).
     */
    private void words(JsonGenerator out, String title, String titleEn, String description, String descriptionEn,
            List<String> tags, List<String> creators, List<String> affiliations) throws IOException {
        String titleWords = TextAnalysis.joined(title);
        String descriptionWords = TextAnalysis.joined(description);
        List<String> tagWords = tags.stream().map(this::joinedShort).toList();
        List<String> creatorWords = creators.stream().map(this::joinedShort).toList();
        List<String> affiliationWords = affiliations.stream().map(this::joinedShort).toList();
        out.writeObjectFieldStart("w");
        out.writeStringField("title", titleWords);
        optional(out, "titleEn", titleEn == null ? null : TextAnalysis.joined(titleEn));
        out.writeStringField("description", descriptionWords);
        optional(out, "descriptionEn", descriptionEn == null ? null : TextAnalysis.joined(descriptionEn));
        array(out, "tags", tagWords);
        array(out, "creators", creatorWords);
        array(out, "affiliations", affiliationWords);
        out.writeStringField("titleRuns", TextAnalysis.runs(titleWords));
        out.writeStringField("descriptionRuns", TextAnalysis.runs(descriptionWords));
        array(out, "tagsRuns", tagWords.stream().map(TextAnalysis::runs).toList());
        array(out, "creatorsRuns", creatorWords.stream().map(TextAnalysis::runs).toList());
        array(out, "affiliationsRuns", affiliationWords.stream().map(TextAnalysis::runs).toList());
        out.writeEndObject();
    }

    /**
     * {@link TextAnalysis#joined} of a tag, creator or affiliation, remembered: such values repeat across works (a
     * library has a few thousand tags and institutions), and segmenting Chinese is most of a document's building cost
     * (the reindex profile: two thirds of the building thread). Bounded: emptied when full, the next values fill it
     * again.
     */
    private String joinedShort(String text) {
        if (text.length() > SHORT_TEXT) {
            return TextAnalysis.joined(text);
        }
        String joined = shortTexts.get(text);
        if (joined == null) {
            joined = TextAnalysis.joined(text);
            if (shortTexts.size() >= SHORT_TEXTS) {
                shortTexts.clear();
            }
            shortTexts.put(text, joined);
        }
        return joined;
    }

    private static void mediaFacts(JsonGenerator out, List<MediaFacts> facts) throws IOException {
        out.writeArrayFieldStart("media");
        Set<String> orientations = new LinkedHashSet<>();
        Double longestVideo = null;
        for (MediaFacts fact : facts) {
            out.writeStartObject();
            out.writeStringField("mimeType", fact.mimeType());
            if (fact.width() != null && fact.height() != null) {
                out.writeNumberField("width", fact.width());
                out.writeNumberField("height", fact.height());
                orientations.add(fact.width() > fact.height() ? "LANDSCAPE"
                        : fact.width() < fact.height() ? "PORTRAIT" : "SQUARE");
            }
            if (fact.durationSeconds() != null) {
                out.writeNumberField("durationSeconds", fact.durationSeconds());
                longestVideo = longestVideo == null ? fact.durationSeconds()
                        : Math.max(longestVideo, fact.durationSeconds());
            }
            out.writeEndObject();
        }
        out.writeEndArray();
        array(out, "orientations", List.copyOf(orientations));
        if (longestVideo != null) {
            out.writeNumberField("videoDurationSeconds", longestVideo);
        }
    }

    private static void optional(JsonGenerator out, String field, String value) throws IOException {
        if (value != null) {
            out.writeStringField(field, value);
        }
    }

    private static void array(JsonGenerator out, String field, List<String> values) throws IOException {
        out.writeArrayFieldStart(field);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> result = new ArrayList<>(values.length);
        for (Object value : values) {
            if (value != null) {
                result.add(value.toString());
            }
        }
        return result;
    }
}
