package cn.kepu.media.search;

import cn.kepu.media.search.text.TextAnalysis;
import cn.kepu.media.works.AiLabel;
import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.AiUse;
import cn.kepu.media.works.MediaFacts;
import cn.kepu.media.works.WorkMediaFacts;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
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

/**
 * Builds search documents from PostgreSQL with plain JDBC: one statement for any number of works, so indexing 100 000
 * works costs 100 statements, and ORM statistics measure API requests only. The document and its version are read
 * in one snapshot (the caller's transaction), which is what makes external versioning exact. This class owns the
 * index's field names together with schema/elasticsearch/works-v3.json.
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
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " where w.id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", workIds.toArray()));
            for (WorkRow row : read(statement)) {
                found.put(row.id(), build(row));
            }
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
                        found.put(id, new SearchDocument(id, rows.getLong(2), null));
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * The next page of the works whose ids lie in {@code [from, to)} (to null: no upper bound), in id order, after
     * {@code afterId} (null for the first page), read but not yet built: a reindex reads several ranges on their own
     * threads and builds ({@link #build(List)}) on others. Fixed statement shapes rather than
     * {@code ? is null or w.id > ?}: PostgreSQL's generic plan for that cannot use the key as a range and filtered
     * every row before the page (page k read k pages; measured 47 of 74 ms at 80 000 works).
     */
    public List<WorkRow> readPage(Connection connection, UUID from, UUID to, UUID afterId, int size)
            throws SQLException {
        String sql = SELECT + (afterId == null ? " where w.id >= ?" : " where w.id > ?")
                + (to == null ? "" : " and w.id < ?") + " order by w.id limit ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            statement.setObject(parameter++, afterId == null ? from : afterId);
            if (to != null) {
                statement.setObject(parameter++, to);
            }
            statement.setInt(parameter, size);
            return read(statement);
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

    private List<WorkRow> read(PreparedStatement statement) throws SQLException {
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
        Map<UUID, List<MediaFacts>> facts = mediaFacts.factsOf(read.keySet());
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

    /** The document of one row: its fields in the order they have always had (media facts, then labels, last). */
    private SearchDocument build(WorkRow row) {
        ObjectNode doc = source(row);
        addMediaFacts(doc, row.media());
        addLabels(doc, row.labels());
        return new SearchDocument(row.id(), row.version(), doc);
    }

    /**
     * Audience levels, brand and the AI label (declared, detected in the files, the two combined, and whether they
     * disagree: see {@link AiLabel}).
     */
    private static void addLabels(ObjectNode doc, Labels labels) {
        array(doc, "audienceLevels", labels.audienceLevels());
        if (labels.brandId() != null) {
            doc.put("brandId", labels.brandId().toString());
        }
        String declared = labels.aiDeclared();
        List<String> detected = labels.aiDetected();
        AiLabel label = new AiLabel(declared == null ? null : AiUse.valueOf(declared),
                detected.stream().map(AiLabelKind::valueOf).toList());
        doc.put("aiDeclared", declared == null ? "UNDECLARED" : declared);
        array(doc, "aiDetected", detected);
        doc.put("aiGenerated", label.aiGenerated());
        doc.put("aiMismatch", label.mismatch());
    }

    private ObjectNode source(WorkRow row) {
        ObjectNode doc = json.createObjectNode();
        doc.put("id", row.id().toString());
        doc.put("kind", row.kind());
        doc.put("status", row.status());
        doc.put("ownerId", row.ownerId().toString());
        doc.put("title", row.title());
        putIfPresent(doc, "titleEn", row.titleEn());
        doc.put("description", row.description());
        putIfPresent(doc, "descriptionEn", row.descriptionEn());
        List<String> tags = row.tags();
        array(doc, "tags", tags);
        List<String> creators = row.creators();
        array(doc, "creators", creators);
        // Affiliations as written on the work. The uploading account (and its organisation) is not public and
        // must neither be searchable, nor highlighted, nor lift ranking: it stays out of the document.
        List<String> affiliations = List.copyOf(new LinkedHashSet<>(row.affiliations()));
        array(doc, "affiliations", affiliations);
        words(doc, row.title(), row.titleEn(), row.description(), row.descriptionEn(), tags, creators, affiliations);
        array(doc, "topics", row.topics());
        doc.put("region", row.region());
        doc.put("licence", row.licence());
        array(doc, "collectionIds", row.collections());
        array(doc, "contestIds", row.contests());
        array(doc, "awardTiers", row.awardTiers());
        doc.put("downloads", row.downloads());
        Instant publishedAt = row.publishedAt();
        if (publishedAt != null) {
            doc.put("publishedAt", publishedAt.toString());
        }
        doc.put("createdAt", row.createdAt().toString());
        boolean publiclyVisible = "PUBLISHED".equals(row.status()) && publishedAt != null
                && !publishedAt.isAfter(clock.instant());
        if (publiclyVisible) {
            // Only public works feed autocomplete: the completion suggester cannot apply the visibility query.
            ArrayNode inputs = doc.putObject("suggest").putArray("input");
            inputs.add(row.title());
            if (row.titleEn() != null) {
                inputs.add(row.titleEn());
            }
            tags.forEach(inputs::add);
        }
        return doc;
    }

    /**
     * The word fields: each text analysed by {@link TextAnalysis} and joined by spaces, which is all the index's
     * whitespace analyser has to do. Multi-valued fields keep one value per entry, so phrases never span two tags.
     */
    private void words(ObjectNode doc, String title, String titleEn, String description, String descriptionEn,
            List<String> tags, List<String> creators, List<String> affiliations) {
        ObjectNode w = doc.putObject("w");
        w.put("title", TextAnalysis.joined(title));
        putIfPresent(w, "titleEn", titleEn == null ? null : TextAnalysis.joined(titleEn));
        w.put("description", TextAnalysis.joined(description));
        putIfPresent(w, "descriptionEn", descriptionEn == null ? null : TextAnalysis.joined(descriptionEn));
        array(w, "tags", tags.stream().map(this::joinedShort).toList());
        array(w, "creators", creators.stream().map(this::joinedShort).toList());
        array(w, "affiliations", affiliations.stream().map(this::joinedShort).toList());
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

    private static void addMediaFacts(ObjectNode doc, List<MediaFacts> facts) {
        ArrayNode media = doc.putArray("media");
        Set<String> orientations = new LinkedHashSet<>();
        Double longestVideo = null;
        for (MediaFacts fact : facts) {
            ObjectNode m = media.addObject().put("mimeType", fact.mimeType());
            if (fact.width() != null && fact.height() != null) {
                m.put("width", fact.width()).put("height", fact.height());
                orientations.add(fact.width() > fact.height() ? "LANDSCAPE"
                        : fact.width() < fact.height() ? "PORTRAIT" : "SQUARE");
            }
            if (fact.durationSeconds() != null) {
                m.put("durationSeconds", fact.durationSeconds());
                longestVideo = longestVideo == null ? fact.durationSeconds()
                        : Math.max(longestVideo, fact.durationSeconds());
            }
        }
        array(doc, "orientations", List.copyOf(orientations));
        if (longestVideo != null) {
            doc.put("videoDurationSeconds", longestVideo);
        }
    }

    private static void putIfPresent(ObjectNode doc, String field, String value) {
        if (value != null) {
            doc.put(field, value);
        }
    }

    private static void array(ObjectNode doc, String field, List<String> values) {
        ArrayNode array = doc.putArray(field);
        values.forEach(array::add);
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
