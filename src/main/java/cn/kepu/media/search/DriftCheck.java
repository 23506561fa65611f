package cn.kepu.media.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compares what PostgreSQL holds (work ids and their search versions) with what the index behind the alias holds
 * (document ids and external versions). Changes still in the outbox show up as drift until indexed, so the report
 * carries the outbox size next to the differences.
 */
@ApplicationScoped
public class DriftCheck {

    private static final int MAX_SAMPLES = 10;
    private static final int PAGE = 5000;

    /**
     * @param missing  works in PostgreSQL without a document
     * @param extra    documents of works PostgreSQL no longer has
     * @param stale    documents at another version than PostgreSQL's
     * @param samples  up to ten ids of differing works, for a look at them
     */
    public record Report(long databaseWorks, long indexedDocuments, long missing, long extra, long stale,
            long pendingEvents, List<String> samples) {

        public boolean inSync() {
            return missing == 0 && extra == 0 && stale == 0;
        }
    }

    private final AgroalDataSource dataSource;
    private final SearchIndex index;
    private final ObjectMapper json;
    private final SearchIndexer indexer;

    public DriftCheck(AgroalDataSource dataSource, SearchIndex index, ObjectMapper json, SearchIndexer indexer) {
        this.dataSource = dataSource;
        this.index = index;
        this.json = json;
        this.indexer = indexer;
    }

    public Report run() throws IOException, SQLException {
        long pending = indexer.pending();
        Map<String, Long> database = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select w.id, sv.version from work w join search_version sv on sv.work_id = w.id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                database.put(rows.getObject(1, UUID.class).toString(), rows.getLong(2));
            }
        }
        Map<String, Long> indexed = indexedVersions();
        List<String> samples = new ArrayList<>();
        long missing = 0;
        long stale = 0;
        for (var entry : database.entrySet()) {
            Long version = indexed.get(entry.getKey());
            if (version == null) {
                missing++;
            } else if (!version.equals(entry.getValue())) {
                stale++;
            } else {
                continue;
            }
            sample(samples, entry.getKey());
        }
        long extra = 0;
        for (String id : indexed.keySet()) {
            if (!database.containsKey(id)) {
                extra++;
                sample(samples, id);
            }
        }
        return new Report(database.size(), indexed.size(), missing, extra, stale, pending, List.copyOf(samples));
    }

    private Map<String, Long> indexedVersions() throws IOException {
        Map<String, Long> versions = new HashMap<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = json.createObjectNode();
            body.put("size", PAGE).put("_source", false).put("version", true).put("track_total_hits", false);
            body.putArray("sort").addObject().put("id", "asc");
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode hits = index.searchInBackground(index.config().alias(), body).path("hits").path("hits");
            for (JsonNode hit : hits) {
                versions.put(hit.path("_id").asText(), hit.path("_version").asLong());
            }
            if (hits.size() < PAGE) {
                return versions;
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    private static void sample(List<String> samples, String id) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(id);
        }
    }
}
