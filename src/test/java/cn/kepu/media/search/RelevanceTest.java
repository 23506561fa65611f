package cn.kepu.media.search;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.JudgedSet.Query;
import cn.kepu.media.search.JudgedSet.Work;
import cn.kepu.media.testsupport.GraphQL;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Ranking quality of searchWorks on the judged set (src/test/resources/search/judged: works written as real entries,
 * graded queries with near-miss distractors), against a baseline measured in the same run: the same works in a plain
 * Elasticsearch index (standard analyzer) queried with a simple multi_match, as a site would do without any of the
 * service's analysis. Prints per-query figures and the summary the README quotes; fails unless the service beats
 * the baseline and its floors.
 */
@QuarkusTest
class RelevanceTest {

    /**
     * Floors at the goal of issue 14 (nDCG@5 0.98 on a held-out set), just under the measured figures (nDCG@5 0.9827,
     * nDCG@10 0.9824 on this set, see README, Search), so a ranking regression fails here; and, as the issue asks, no
     * distractor in the top 5 of any query.
     */
    static final double NDCG5_FLOOR = 0.98;
    static final double NDCG10_FLOOR = 0.98;

    private static final String QUERY = """
            query($q: String!) { searchWorks(query: $q, first: 30) { relaxed edges { node { id } } } }""";
    private static final List<String> BASELINE_FIELDS = List.of("title", "titleEn", "description", "descriptionEn",
            "tags", "creators", "affiliations");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SearchIndexer indexer;

    @Inject
    RestClient elasticsearch;

    @Inject
    SearchConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    SearchDocuments documents;

    /** Figures of one ranking over the whole set. */
    record Figures(double ndcg5, double ndcg10, int zeroResults, int distractorsAboveRelevant, int distractorsInTop5,
            double crossLanguageRecall, double p50Millis) {

        @Override
        public String toString() {
            return String.format("nDCG@5 %.4f  nDCG@10 %.4f  zero-result queries %d  distractor above a relevant "
                    + "work %d  distractors in top 5 %d  cross-language recall@10 %.3f  p50 %.1f ms", ndcg5, ndcg10,
                    zeroResults, distractorsAboveRelevant, distractorsInTop5, crossLanguageRecall, p50Millis);
        }
    }

    @Test
    void theServiceBeatsThePlainBaselineAndItsFloors() throws Exception {
        List<Work> works = JudgedSet.works();
        List<Query> queries = JudgedSet.queries();
        assertThat(works).as("judged works").hasSizeGreaterThanOrEqualTo(200);
        assertThat(queries).as("judged queries").hasSizeGreaterThanOrEqualTo(80);
        Map<String, Work> byKey = new HashMap<>();
        works.forEach(w -> byKey.put(w.key(), w));
        queries.forEach(q -> {
            assertThat(byKey.keySet()).as("works judged for %s", q.text()).containsAll(q.grades().keySet())
                    .containsAll(q.distractors());
            assertThat(q.grades()).as("relevant works of %s", q.text()).isNotEmpty();
        });
        Map<UUID, String> keyOf = new HashMap<>();
        works.forEach(w -> keyOf.put(w.id(), w.key()));

        load(works);
        String baseline = baselineIndex(works);
        awaitIndexed(works.getLast());
        // Ranked on an index a reindex filled from the stored documents (search_document): they must be the documents
        // the builder gives now, byte for byte, and the index must hold them.
        assertStoredDocumentsAreTheBuiltOnes(works);
        GraphQL.as("organizer1").run("mutation { reindexWorks { documents } }").ok();
        assertIndexHoldsTheStoredDocuments(works);

        GraphQL media = GraphQL.as("media1");
        StringBuilder report = new StringBuilder();
        Figures service = measure("service", queries, byKey, report, q -> {
            var response = media.run(QUERY, Map.of("q", q)).ok();
            List<String> ids = response.data("searchWorks.edges.node.id");
            return judgedOnly(ids, keyOf).stream().limit(10).toList();
        });
        Figures plain = measure("baseline", queries, byKey, report, q -> baselineSearch(baseline, q, keyOf));
        System.out.printf("%nRelevance on the judged set (%d works, %d queries)%n%s  service:  %s%n  baseline: %s%n",
                works.size(), queries.size(), report, service, plain);

        if (Boolean.getBoolean("kepu.relevance.vectors")) {
            hybrid(works, queries, byKey, keyOf, media);
        }

        assertThat(service.ndcg5()).as("service nDCG@5 against the baseline").isGreaterThan(plain.ndcg5());
        assertThat(service.ndcg10()).as("service nDCG@10 against the baseline").isGreaterThan(plain.ndcg10());
        assertThat(service.ndcg5()).as("nDCG@5").isGreaterThanOrEqualTo(NDCG5_FLOOR);
        assertThat(service.ndcg10()).as("nDCG@10").isGreaterThanOrEqualTo(NDCG10_FLOOR);
        assertThat(service.zeroResults()).as("queries with relevant works that found nothing").isZero();
        assertThat(service.distractorsAboveRelevant()).as("distractors ranked above a relevant work").isZero();
        assertThat(service.distractorsInTop5()).as("distractors in the top 5 of a query").isZero();
    }

    /**
     * Hybrid retrieval evaluated on the same set (-Dkepu.relevance.vectors=true; loads a 24 MB ONNX model): the
     * service's lexical top 50 fused with the semantic ranking, and the semantic ranking alone.
     */
    private void hybrid(List<Work> works, List<Query> queries, Map<String, Work> byKey, Map<UUID, String> keyOf,
            GraphQL media) {
        VectorRanking vectors = new VectorRanking(works);
        StringBuilder report = new StringBuilder();
        Figures fused = measure("hybrid", queries, byKey, report, q -> {
            var response = media.run(QUERY.replace("first: 30", "first: 50"), Map.of("q", q)).ok();
            List<String> ids = response.data("searchWorks.edges.node.id");
            List<String> lexical = judgedOnly(ids, keyOf);
            return VectorRanking.fuse(lexical, vectors.rank(q, 50), 10);
        });
        StringBuilder fillReport = new StringBuilder();
        Figures filled = measure("vec-fill", queries, byKey, fillReport, q -> {
            var response = media.run(QUERY, Map.of("q", q)).ok();
            List<String> ids = response.data("searchWorks.edges.node.id");
            List<String> lexical = new ArrayList<>(judgedOnly(ids, keyOf).stream().limit(10).toList());
            for (String k : vectors.rank(q, 10)) {
                if (lexical.size() < 10 && !lexical.contains(k)) {
                    lexical.add(k);
                }
            }
            return lexical;
        });
        int embedded = vectors.queryMillis.size();
        Figures semantic = measure("vectors", queries, byKey, report, q -> vectors.rank(q, 10));
        System.out.printf("%nHybrid retrieval (bge-small-zh-v1.5 q, RRF k=%d; %d works embedded in %.0f ms)%n%s"
                + "  hybrid:   %s%n  vec-fill: %s%n  vectors:  %s%n  query embedding p50 %.1f ms%n",
                VectorRanking.RRF_K, works.size(), vectors.indexMillis, report, fused, filled, semantic,
                VectorRanking.p50(vectors.queryMillis.subList(0, embedded)));
    }

    /** The judged set's works among the hits (the shared test database also holds demo and other tests' works). */
    private static List<String> judgedOnly(List<String> ids, Map<UUID, String> keyOf) {
        return ids.stream().map(id -> keyOf.get(UUID.fromString(id))).filter(java.util.Objects::nonNull).toList();
    }

    private Figures measure(String name, List<Query> queries, Map<String, Work> byKey, StringBuilder report,
            Function<String, List<String>> search) {
        double sum5 = 0;
        double sum10 = 0;
        int zero = 0;
        int above = 0;
        int top5 = 0;
        int crossWanted = 0;
        int crossFound = 0;
        List<Double> millis = new ArrayList<>();
        for (Query q : queries) {
            long started = System.nanoTime();
            List<String> found = search.apply(q.text());
            millis.add((System.nanoTime() - started) / 1e6);
            List<Integer> gains = found.stream().map(k -> q.grades().getOrDefault(k, 0)).toList();
            List<Integer> ideal = q.grades().values().stream().sorted(Comparator.reverseOrder()).toList();
            double n5 = dcg(gains, 5) / dcg(ideal, 5);
            double n10 = dcg(gains, 10) / dcg(ideal, 10);
            sum5 += n5;
            sum10 += n10;
            if (found.isEmpty()) {
                zero++;
            }
            int lastRelevant = -1;
            for (int i = 0; i < found.size(); i++) {
                if (q.grades().containsKey(found.get(i))) {
                    lastRelevant = i;
                }
            }
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                if (q.distractors().contains(found.get(i))) {
                    if (i < lastRelevant) {
                        above++;
                        problems.add("!" + found.get(i) + "@" + (i + 1) + " above a relevant work");
                    }
                    if (i < 5) {
                        top5++;
                        problems.add("!" + found.get(i) + "@" + (i + 1));
                    }
                }
            }
            List<String> crossMissed = new ArrayList<>();
            for (var judged : q.grades().entrySet()) {
                if (judged.getValue() >= 2 && byKey.get(judged.getKey()).chinese() != q.chinese()) {
                    crossWanted++;
                    if (found.contains(judged.getKey())) {
                        crossFound++;
                    } else {
                        crossMissed.add(judged.getKey());
                    }
                }
            }
            if (n5 < 1 || !problems.isEmpty() || !crossMissed.isEmpty()) {
                report.append(String.format("  %-8s %-28s nDCG@5 %.3f nDCG@10 %.3f %s %s%s%n", name, q.text(), n5, n10,
                        found, problems, crossMissed.isEmpty() ? "" : " other language missed: " + crossMissed));
            }
        }
        millis.sort(Comparator.naturalOrder());
        return new Figures(sum5 / queries.size(), sum10 / queries.size(), zero, above, top5,
                crossWanted == 0 ? 1 : (double) crossFound / crossWanted, millis.get(millis.size() / 2));
    }

    private static double dcg(List<Integer> grades, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, grades.size()); i++) {
            dcg += (Math.pow(2, grades.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
        }
        return dcg;
    }

    /** The baseline: the same texts in an index with Elasticsearch's defaults (standard analyzer). */
    private String baselineIndex(List<Work> works) throws IOException {
        String name = config.indexPrefix() + "relevance-baseline";
        deleteBaseline(name);
        Request create = new Request("PUT", "/" + name);
        create.setJsonEntity("{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
        elasticsearch.performRequest(create);
        StringBuilder bulk = new StringBuilder();
        for (Work w : works) {
            bulk.append("{\"index\":{\"_id\":\"").append(w.id()).append("\"}}\n");
            ObjectNode doc = json.createObjectNode();
            doc.put("title", w.title()).put("titleEn", w.titleEn()).put("description", w.description())
                    .put("descriptionEn", w.descriptionEn());
            ArrayNode tags = doc.putArray("tags");
            w.tags().forEach(tags::add);
            ArrayNode creators = doc.putArray("creators");
            ArrayNode affiliations = doc.putArray("affiliations");
            w.creators().forEach(c -> {
                creators.add(c.name());
                if (c.affiliation() != null) {
                    affiliations.add(c.affiliation());
                }
            });
            bulk.append(json.writeValueAsString(doc)).append('\n');
        }
        Request request = new Request("POST", "/" + name + "/_bulk");
        request.addParameter("refresh", "true");
        request.setEntity(new StringEntity(bulk.toString(), ContentType.create("application/x-ndjson",
                java.nio.charset.StandardCharsets.UTF_8)));
        elasticsearch.performRequest(request);
        return name;
    }

    private List<String> baselineSearch(String index, String query, Map<UUID, String> keyOf) {
        try {
            ObjectNode body = json.createObjectNode();
            body.put("size", 10);
            ObjectNode match = body.putObject("query").putObject("multi_match").put("query", query);
            ArrayNode fields = match.putArray("fields");
            BASELINE_FIELDS.forEach(fields::add);
            Request request = new Request("POST", "/" + index + "/_search");
            request.setJsonEntity(json.writeValueAsString(body));
            Response response = elasticsearch.performRequest(request);
            JsonNode hits;
            try (InputStream in = response.getEntity().getContent()) {
                hits = json.readTree(in).path("hits").path("hits");
            }
            List<String> keys = new ArrayList<>();
            hits.forEach(h -> keys.add(keyOf.get(UUID.fromString(h.path("_id").asText()))));
            return keys;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void deleteBaseline(String name) throws IOException {
        try {
            elasticsearch.performRequest(new Request("DELETE", "/" + name));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    /** The judged works would crowd the works other test classes list from the shared database. */
    @AfterEach
    void deleteTheJudgedSet() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from work where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("uuid",
                    JudgedSet.works().stream().map(Work::id).toArray()));
            delete.executeUpdate();
        }
        deleteBaseline(config.indexPrefix() + "relevance-baseline");
    }

    /** Inserts the works with JDBC batches, published a minute apart in file order. */
    private void load(List<Work> works) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Instant published = Instant.parse("2025-05-20T02:00:00Z");
            UUID owner = UUID.nameUUIDFromBytes("demo-account:entrant1".getBytes());
            try (PreparedStatement work = connection.prepareStatement("""
                    insert into work (id, kind, title, title_en, description, description_en, tags, region, credit_line,
                      licence, owner_id, status, published_at, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, 'BEIJING', ?, 'CC_BY_4_0', ?, 'PUBLISHED', ?, ?, ?)""");
                    PreparedStatement topic = connection.prepareStatement(
                            "insert into work_topic (work_id, topic_code) values (?, ?)");
                    PreparedStatement creator = connection.prepareStatement(
                            "insert into work_creator (work_id, position, name, affiliation) values (?, ?, ?, ?)")) {
                for (int i = 0; i < works.size(); i++) {
                    Work w = works.get(i);
                    Timestamp at = Timestamp.from(published.plusSeconds(i * 60L));
                    work.setObject(1, w.id());
                    work.setString(2, w.kind());
                    work.setString(3, w.title());
                    work.setString(4, w.titleEn());
                    work.setString(5, w.description());
                    work.setString(6, w.descriptionEn());
                    work.setArray(7, connection.createArrayOf("text", w.tags().toArray()));
                    work.setString(8, w.creators().getFirst().name());
                    work.setObject(9, owner);
                    work.setTimestamp(10, at);
                    work.setTimestamp(11, at);
                    work.setTimestamp(12, at);
                    work.addBatch();
                    topic.setObject(1, w.id());
                    topic.setString(2, w.topic());
                    topic.addBatch();
                    for (int c = 0; c < w.creators().size(); c++) {
                        creator.setObject(1, w.id());
                        creator.setInt(2, c);
                        creator.setString(3, w.creators().get(c).name());
                        creator.setString(4, w.creators().get(c).affiliation());
                        creator.addBatch();
                    }
                }
                work.executeBatch();
                topic.executeBatch();
                creator.executeBatch();
            }
            connection.commit();
        }
    }

    /** The judged works' stored documents, at their current versions, by id. */
    private Map<UUID, String> storedDocuments(List<Work> works) throws Exception {
        Map<UUID, String> stored = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select d.work_id, d.body from search_document d
                          join search_version v on v.work_id = d.work_id and v.version = d.version
                         where d.work_id = any(?)""")) {
            select.setArray(1, connection.createArrayOf("uuid", works.stream().map(Work::id).toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getObject(1, UUID.class),
                            new String(rows.getBytes(2), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return stored;
    }

    private void assertStoredDocumentsAreTheBuiltOnes(List<Work> works) throws Exception {
        Map<UUID, String> stored = storedDocuments(works);
        try (Connection connection = dataSource.getConnection()) {
            for (SearchDocument built : documents.load(connection, works.stream().map(Work::id).toList())) {
                assertThat(stored.get(built.id())).as("stored document of %s", built.id())
                        .isEqualTo(built.sourceText());
            }
        }
    }

    /** Every fifth judged work: the index's _source is the stored document without the word fields. */
    private void assertIndexHoldsTheStoredDocuments(List<Work> works) throws Exception {
        Map<UUID, String> stored = storedDocuments(works);
        for (int i = 0; i < works.size(); i += 5) {
            UUID id = works.get(i).id();
            Response response = elasticsearch.performRequest(new Request("GET", "/" + config.alias() + "/_doc/" + id));
            JsonNode source;
            try (InputStream in = response.getEntity().getContent()) {
                source = json.readTree(in).path("_source");
            }
            ObjectNode expected = (ObjectNode) json.readTree(stored.get(id));
            expected.putObject("w");
            assertThat(source).as("_source of %s", id).isEqualTo(expected);
        }
    }

    private void awaitIndexed(Work last) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (indexer.pending() > 0) {
            assertThat(System.nanoTime()).as("outbox drained in time").isLessThan(deadline);
            Searching.sleep(200);
        }
        Searching.awaitIds(GraphQL.as("media1"), last.title(), Map.of("first", 50),
                found -> found.contains(last.id().toString()));
    }
}
