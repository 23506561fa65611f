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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
            read(statement, found);
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

    /** The next page of all works in id order, after {@code afterId} (null for the first page): for a reindex. */
    public List<SearchDocument> page(Connection connection, UUID afterId, int size) throws SQLException {
        Map<UUID, SearchDocument> found = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                SELECT + " where (?::uuid is null or w.id > ?::uuid) order by w.id limit ?")) {
            statement.setObject(1, afterId);
            statement.setObject(2, afterId);
            statement.setInt(3, size);
            read(statement, found);
        }
        return List.copyOf(found.values());
    }

    private void read(PreparedStatement statement, Map<UUID, SearchDocument> into) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                UUID id = rows.getObject("id", UUID.class);
                into.put(id, new SearchDocument(id, rows.getLong("version"), source(id, rows)));
            }
        }
        if (!into.isEmpty()) {
            addMediaFacts(into);
            addLabels(statement.getConnection(), into);
        }
    }

    /**
     * Audience levels, brand and the AI label (declared, detected in the files, the two combined, and whether they
     * disagree: see {@link AiLabel}), in one more statement for the whole batch.
     */
    private void addLabels(Connection connection, Map<UUID, SearchDocument> documents) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select w.id, w.audience_levels, w.ai_use, w.brand_id,
                       array(select distinct m.ai_label from media_asset m where m.work_id = w.id
                             and m.ai_label is not null) ai_labels
                from work w where w.id = any(?)""")) {
            statement.setArray(1, connection.createArrayOf("uuid", documents.keySet().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    SearchDocument document = documents.get(rows.getObject("id", UUID.class));
                    if (document == null || document.source() == null) {
                        continue;
                    }
                    ObjectNode doc = document.source();
                    array(doc, "audienceLevels", strings(rows.getArray("audience_levels")));
                    UUID brand = rows.getObject("brand_id", UUID.class);
                    if (brand != null) {
                        doc.put("brandId", brand.toString());
                    }
                    String declared = rows.getString("ai_use");
                    List<String> detected = strings(rows.getArray("ai_labels"));
                    AiLabel label = new AiLabel(declared == null ? null : AiUse.valueOf(declared),
                            detected.stream().map(AiLabelKind::valueOf).toList());
                    doc.put("aiDeclared", declared == null ? "UNDECLARED" : declared);
                    array(doc, "aiDetected", detected);
                    doc.put("aiGenerated", label.aiGenerated());
                    doc.put("aiMismatch", label.mismatch());
                }
            }
        }
    }

    private ObjectNode source(UUID id, ResultSet row) throws SQLException {
        ObjectNode doc = json.createObjectNode();
        doc.put("id", id.toString());
        doc.put("kind", row.getString("kind"));
        doc.put("status", row.getString("status"));
        doc.put("ownerId", row.getObject("owner_id", UUID.class).toString());
        doc.put("title", row.getString("title"));
        putIfPresent(doc, "titleEn", row.getString("title_en"));
        doc.put("description", row.getString("description"));
        putIfPresent(doc, "descriptionEn", row.getString("description_en"));
        List<String> tags = strings(row.getArray("tags"));
        array(doc, "tags", tags);
        List<String> creators = strings(row.getArray("creators"));
        array(doc, "creators", creators);
        // Affiliations as written on the work. The uploading account (and its organisation) is not public and
        // must neither be searchable, nor highlighted, nor lift ranking: it stays out of the document.
        List<String> affiliations = List.copyOf(new LinkedHashSet<>(strings(row.getArray("affiliations"))));
        array(doc, "affiliations", affiliations);
        words(doc, row.getString("title"), row.getString("title_en"), row.getString("description"),
                row.getString("description_en"), tags, creators, affiliations);
        array(doc, "topics", strings(row.getArray("topics")));
        doc.put("region", row.getString("region"));
        doc.put("licence", row.getString("licence"));
        array(doc, "collectionIds", strings(row.getArray("collections")));
        array(doc, "contestIds", strings(row.getArray("contests")));
        array(doc, "awardTiers", strings(row.getArray("award_tiers")));
        doc.put("downloads", row.getLong("downloads"));
        Timestamp publishedAt = row.getTimestamp("published_at");
        if (publishedAt != null) {
            doc.put("publishedAt", publishedAt.toInstant().toString());
        }
        doc.put("createdAt", row.getTimestamp("created_at").toInstant().toString());
        boolean publiclyVisible = "PUBLISHED".equals(row.getString("status")) && publishedAt != null
                && !publishedAt.toInstant().isAfter(clock.instant());
        if (publiclyVisible) {
            // Only public works feed autocomplete: the completion suggester cannot apply the visibility query.
            ArrayNode inputs = doc.putObject("suggest").putArray("input");
            inputs.add(row.getString("title"));
            if (row.getString("title_en") != null) {
                inputs.add(row.getString("title_en"));
            }
            tags.forEach(inputs::add);
        }
        return doc;
    }

    /**
     * The word fields: each text analysed by {@link TextAnalysis} and joined by spaces, which is all the index's
     * whitespace analyser has to do. Multi-valued fields keep one value per entry, so phrases never span two tags.
     */
    private static void words(ObjectNode doc, String title, String titleEn, String description, String descriptionEn,
            List<String> tags, List<String> creators, List<String> affiliations) {
        ObjectNode w = doc.putObject("w");
        w.put("title", TextAnalysis.joined(title));
        putIfPresent(w, "titleEn", titleEn == null ? null : TextAnalysis.joined(titleEn));
        w.put("description", TextAnalysis.joined(description));
        putIfPresent(w, "descriptionEn", descriptionEn == null ? null : TextAnalysis.joined(descriptionEn));
        array(w, "tags", tags.stream().map(TextAnalysis::joined).toList());
        array(w, "creators", creators.stream().map(TextAnalysis::joined).toList());
        array(w, "affiliations", affiliations.stream().map(TextAnalysis::joined).toList());
    }

    private void addMediaFacts(Map<UUID, SearchDocument> documents) {
        Map<UUID, List<MediaFacts>> facts = mediaFacts.factsOf(documents.keySet());
        documents.forEach((id, doc) -> {
            if (doc.source() == null) {
                return;
            }
            ArrayNode media = doc.source().putArray("media");
            Set<String> orientations = new LinkedHashSet<>();
            Double longestVideo = null;
            for (MediaFacts fact : facts.getOrDefault(id, List.of())) {
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
            array(doc.source(), "orientations", List.copyOf(orientations));
            if (longestVideo != null) {
                doc.source().put("videoDurationSeconds", longestVideo);
            }
        });
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
