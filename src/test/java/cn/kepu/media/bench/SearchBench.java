package cn.kepu.media.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search benchmarks against a running kepu-media and its local stack: the packaged service search-bench.sh started
 * (its properties and the stack's dev signing key given: tokens are signed here, searches are anonymous) or one in dev
 * mode (the stack's dev.properties, tokens from /dev/token). Prints numbers; asserts nothing.
 *
 * <ol>
 *   <li>{@code latency}: searchWorks over GraphQL against the identical request body sent straight to Elasticsearch,
 *       p50/p99 and their ratio;</li>
 *   <li>{@code reindex}: loads N generated works (default 100 000) into PostgreSQL, waits for the outbox to drain,
 *       runs reindexWorks without stored documents (every document built), bulks the very same documents raw into a
 *       fresh index, runs reindexWorks again (the documents the first stored: steady state) and bulks raw again:
 *       docs/s of each and each reindex's ratio to the faster raw bulk, and the stored documents' size;</li>
 *   <li>{@code publish}: publishes works by SQL (as moderation will) and polls searchWorks until each is found:
 *       publish-to-searchable p50/p99.</li>
 * </ol>
 * Throughput at 16 clients is graphql-load.sh with deploy/bench/search-works.graphql (the script runs it).
 */
public final class SearchBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Properties dev;
    private final String app;
    private final String es;
    private final String prefix;
    /** Signs tokens with the stack's dev key when the service is the packaged one (no /dev/token there). */
    private final BenchClient signer;

    private SearchBench(Properties dev, String app, Path key) throws Exception {
        this.dev = dev;
        this.app = app;
        this.signer = key == null ? null : new BenchClient(URI.create(app + "/graphql"), key,
                dev.getProperty("kepu.identity.issuer", "https://kepu.local/dev"));
        this.es = "http://" + dev.getProperty("quarkus.elasticsearch.hosts");
        this.prefix = dev.getProperty("kepu.search.index-prefix", "");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SearchBench <properties> <latency|reindex|publish> [n] [app-url] [dev-key.pem]");
            System.exit(2);
        }
        Properties dev = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[0]))) {
            dev.load(in);
        }
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        SearchBench bench = new SearchBench(dev, args.length > 3 ? args[3] : "http://localhost:8080",
                args.length > 4 ? Path.of(args[4]) : null);
        switch (args[1]) {
            case "latency" -> bench.latency(n == 0 ? 300 : n);
            case "reindex" -> bench.reindex(n == 0 ? 100_000 : n);
            case "publish" -> bench.publish(n == 0 ? 50 : n);
            default -> throw new IllegalArgumentException(args[1]);
        }
    }

    // ---- 1. GraphQL searchWorks against the same query straight to Elasticsearch

    private void latency(int samples) throws Exception {
        String token = mediaToken();
        String graphql = json(Files.readString(Path.of("deploy/bench/search-works.graphql")));
        String body = "{\"query\":" + graphql + "}";
        String esBody = Files.readString(Path.of("deploy/bench/search-works.es.json"));
        String esUrl = es + "/" + prefix + "works/_search";
        List<Long> viaGraphQL = new ArrayList<>();
        List<Long> direct = new ArrayList<>();
        for (int i = 0; i < samples / 5; i++) {
            post(app + "/graphql", body, token);
            post(esUrl, esBody, null);
        }
        for (int i = 0; i < samples; i++) {
            viaGraphQL.add(timed(() -> post(app + "/graphql", body, token)));
            direct.add(timed(() -> post(esUrl, esBody, null)));
        }
        double g50 = percentile(viaGraphQL, 50);
        double g99 = percentile(viaGraphQL, 99);
        double e50 = percentile(direct, 50);
        double e99 = percentile(direct, 99);
        System.out.printf("searchWorks latency, %d sequential samples each (ms)%n", samples);
        System.out.printf("%-24s %8s %8s%n", "", "p50", "p99");
        System.out.printf("%-24s %8.2f %8.2f%n", "GraphQL searchWorks", g50, g99);
        System.out.printf("%-24s %8.2f %8.2f%n", "Elasticsearch direct", e50, e99);
        System.out.printf("%-24s %8.2f %8.2f%n", "ratio GraphQL/ES", g50 / e50, g99 / e99);
    }

    // ---- 2. reindex of N works against a raw _bulk of the same documents

    private void reindex(int count) throws Exception {
        try (Connection db = connect()) {
            long existing = scalar(db, "select count(*) from work where title like '基准作品%'");
            if (signer != null) {
                System.err.printf("%d works in PostgreSQL (seeded by search-bench.sh)%n",
                        scalar(db, "select count(*) from work"));
            } else if (existing < count) {
                System.err.printf("Loading %d generated works into PostgreSQL...%n", count - existing);
                insertWorks(db, (int) existing, count - (int) existing);
            }
            awaitOutboxDrained(db);
        }
        String token = signer == null ? get(app + "/dev/token/organizer1")
                : signer.account("bench-index-org-" + System.currentTimeMillis(), "ORGANIZER", "科技周组委会");
        // 1. Every document built: the bench seeds works straight into PostgreSQL, and a build at service start may
        // have stored their documents meanwhile; without stored documents the reindex builds (segments, serialises)
        // every work, as after a change of the document builder or for works never indexed.
        try (Connection db = connect(); Statement clear = db.createStatement()) {
            clear.executeUpdate("delete from search_document");
        }
        Reindex built = reindexWorks(token);
        System.err.println("Reading the documents back for the raw bulk...");
        List<String> lines = readBack(built.index());
        // The same documents, 1000 to a bulk request, into a fresh index of the same definition, built the way the
        // reindex builds (no refresh, no replicas until the end): one request at a time, then two in flight.
        double rawRate1 = rawBulk(lines, 1);
        double rawRate2 = rawBulk(lines, 2);
        // 2. Steady state: every work's document stored by the first (as the indexer stores each document it sends),
        // the case of a mapping change, an Elasticsearch upgrade or a rebuilt cluster. Then the raw bulk once more,
        // so each reindex has a raw figure next to it.
        Reindex stored = reindexWorks(token);
        double rawRate3 = rawBulk(lines, 2);
        double rawRate = Math.max(rawRate1, Math.max(rawRate2, rawRate3));
        System.out.printf("reindex vs raw _bulk (1000 docs per request), in run order%n");
        System.out.printf("%-52s %10s %10s %10s %8s%n", "", "docs", "seconds", "docs/s", "ratio");
        System.out.printf("%-52s %10d %10.1f %10.0f %8.2f%n", "reindexWorks, every document built (no stored ones)",
                built.documents(), built.millis() / 1000.0, built.rate(), built.rate() / rawRate);
        System.out.printf("%-52s %10d %10.1f %10.0f%n", "raw _bulk, 1 request in flight", lines.size(),
                lines.size() / rawRate1, rawRate1);
        System.out.printf("%-52s %10d %10.1f %10.0f%n", "raw _bulk, 2 requests in flight", lines.size(),
                lines.size() / rawRate2, rawRate2);
        System.out.printf("%-52s %10d %10.1f %10.0f %8.2f%n", "reindexWorks, stored documents (steady state)",
                stored.documents(), stored.millis() / 1000.0, stored.rate(), stored.rate() / rawRate);
        System.out.printf("%-52s %10d %10.1f %10.0f%n", "raw _bulk, 2 requests in flight (again)", lines.size(),
                lines.size() / rawRate3, rawRate3);
        System.out.printf("ratios against the fastest raw _bulk of the run (%.0f docs/s)%n", rawRate);
        // For reference, not a ratio: the documents exactly as the reindex sends them (with the w.* word fields that
        // _source leaves out, so more for Elasticsearch to index), raw, automatic ids, 2 in flight.
        List<String> bodies = new ArrayList<>();
        try (Connection db = connect(); Statement select = db.createStatement();
                ResultSet rows = select.executeQuery("select convert_from(body, 'UTF8') from search_document")) {
            while (rows.next()) {
                bodies.add(rows.getString(1));
            }
        }
        double rawWords = rawBulk(bodies, 2);
        System.out.printf("%-52s %10d %10.1f %10.0f%n", "(reference) raw _bulk of the stored bodies, w.* incl.",
                bodies.size(), bodies.size() / rawWords, rawWords);
        try (Connection db = connect()) {
            System.out.printf("stored documents: %d, %.0f bytes each on average as JSON, %.0f as stored (TOAST), table"
                    + " with its index and TOAST %.1f MiB%n", scalar(db, "select count(*) from search_document"),
                    number(db, "select avg(octet_length(body)) from search_document"),
                    number(db, "select avg(pg_column_size(body)) from search_document"),
                    number(db, "select pg_total_relation_size('search_document')") / 1024.0 / 1024.0);
        }
    }

    /** What one reindexWorks answered. */
    private record Reindex(String index, long documents, long millis) {
        double rate() {
            return documents * 1000.0 / millis;
        }
    }

    private Reindex reindexWorks(String token) throws Exception {
        String report = post(app + "/graphql", "{\"query\":\"mutation { reindexWorks { index documents millis } }\"}",
                token);
        return new Reindex(field(report, "index"), Long.parseLong(field(report, "documents")),
                Long.parseLong(field(report, "millis")));
    }

    /** docs/s of a raw bulk load of {@code sources} with {@code inFlight} requests at a time, refresh included. */
    private double rawBulk(List<String> sources, int inFlight) throws Exception {
        String raw = prefix + "bench-raw-" + System.currentTimeMillis();
        String definition = Files.readString(Path.of("schema/elasticsearch/works-v4.json"))
                .replaceFirst("\"settings\"\\s*:\\s*\\{", "\"settings\": {\"refresh_interval\": \"-1\",");
        put(es + "/" + raw, definition);
        long started = System.nanoTime();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(inFlight)) {
            List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
            for (int from = 0; from < sources.size(); from += 1000) {
                List<String> page = sources.subList(from, Math.min(sources.size(), from + 1000));
                answers.add(pool.submit(() -> {
                    StringBuilder bulk = new StringBuilder();
                    for (String source : page) {
                        bulk.append("{\"index\":{\"_index\":\"").append(raw).append("\"}}\n").append(source)
                                .append('\n');
                    }
                    return post(es + "/_bulk", bulk.toString(), null, "application/x-ndjson");
                }));
            }
            for (var answer : answers) {
                String response = answer.get();
                if (response.contains("\"errors\":true")) {
                    throw new IllegalStateException("raw bulk had errors: " + response.substring(0, 500));
                }
            }
        }
        put(es + "/" + raw + "/_settings", "{\"index\":{\"refresh_interval\":null}}");
        post(es + "/" + raw + "/_refresh", "", null);
        double rawMillis = (System.nanoTime() - started) / 1e6;
        delete(es + "/" + raw);
        return sources.size() * 1000.0 / rawMillis;
    }

    private void insertWorks(Connection db, int from, int count) throws Exception {
        db.setAutoCommit(false);
        String[] subjects = {"量子计算", "人工智能", "深海探测", "石墨烯", "空间站", "基因编辑", "核聚变", "光伏发电"};
        UUID owner = UUID.nameUUIDFromBytes("demo-account:entrant1".getBytes());
        try (PreparedStatement work = db.prepareStatement("""
                insert into work (id, kind, title, title_en, description, tags, region, credit_line, licence, owner_id,
                  status, published_at, created_at, updated_at)
                values (?, 'POSTER', ?, ?, ?, ?, 'BEIJING', '基准作者', 'CC_BY_4_0', ?, 'PUBLISHED', ?, ?, ?)""");
                PreparedStatement topic = db.prepareStatement(
                        "insert into work_topic (work_id, topic_code) values (?, 'GENERAL_SCIENCE')");
                PreparedStatement creator = db.prepareStatement(
                        "insert into work_creator (work_id, position, name, affiliation) values (?, 0, ?, '基准单位')")) {
            for (int i = from; i < from + count; i++) {
                UUID id = UUID.randomUUID();
                String subject = subjects[i % subjects.length];
                Timestamp at = Timestamp.from(Instant.now());
                work.setObject(1, id);
                work.setString(2, "基准作品 " + i + " " + subject + "的原理与应用");
                work.setString(3, "Benchmark work " + i);
                work.setString(4, "这是一件关于" + subject + "的基准测试作品，介绍其原理、历史和最新进展。");
                work.setArray(5, db.createArrayOf("text", new Object[] {subject, "基准"}));
                work.setObject(6, owner);
                work.setTimestamp(7, at);
                work.setTimestamp(8, at);
                work.setTimestamp(9, at);
                work.addBatch();
                topic.setObject(1, id);
                topic.addBatch();
                creator.setObject(1, id);
                creator.setString(2, "作者" + (i % 997));
                creator.addBatch();
                if ((i - from + 1) % 2000 == 0 || i == from + count - 1) {
                    work.executeBatch();
                    topic.executeBatch();
                    creator.executeBatch();
                    db.commit();
                }
            }
        }
        db.setAutoCommit(true);
    }

    private void awaitOutboxDrained(Connection db) throws Exception {
        long started = System.nanoTime();
        long pending;
        while ((pending = scalar(db, "select count(*) from search_outbox")) > 0) {
            System.err.printf("  outbox: %d rows to index%n", pending);
            Thread.sleep(2000);
        }
        System.err.printf("Outbox drained after %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Every document's source from the reindexed index, in id order (search_after). */
    private List<String> readBack(String index) throws Exception {
        List<String> sources = new ArrayList<>();
        String after = null;
        Pattern hit = Pattern.compile("\"_source\":(\\{.*?\\}),\"sort\":\\[\"([^\"]+)\"\\]\\}");
        while (true) {
            String body = "{\"size\":5000,\"sort\":[{\"id\":\"asc\"}]" + (after == null ? ""
                    : ",\"search_after\":[\"" + after + "\"]") + "}";
            String response = post(es + "/" + index + "/_search", body, null);
            Matcher m = hit.matcher(response);
            int found = 0;
            while (m.find()) {
                sources.add(m.group(1));
                after = m.group(2);
                found++;
            }
            if (found < 5000) {
                return sources;
            }
        }
    }

    // ---- 3. publish-to-searchable latency

    /**
     * Publishes works by SQL (as moderation does) and polls, one round of three requests every ~10 ms, until each
     * stage is reached: the document is in the index as published (a real-time GET, before any refresh), it is
     * found by a search straight to Elasticsearch (after a refresh), and searchWorks finds it (the service's
     * visibility filter and PostgreSQL check on top). The latencies are from the publishing commit.
     */
    private void publish(int samples) throws Exception {
        String token = mediaToken();
        List<Long> indexed = new ArrayList<>();
        List<Long> refreshed = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        try (Connection db = connect()) {
            UUID owner = signer == null ? UUID.nameUUIDFromBytes("demo-account:entrant1".getBytes())
                    : UUID.fromString(text(db, "select id::text from account order by subject limit 1"));
            for (int i = 0; i < samples + 3; i++) {
                String marker = "pub" + UUID.randomUUID().toString().substring(0, 8);
                UUID id = UUID.randomUUID();
                try (PreparedStatement draft = db.prepareStatement("""
                        insert into work (id, kind, title, description, region, credit_line, licence, owner_id, status)
                        values (?, 'PHOTO', ?, '', 'BEIJING', '基准作者', 'CC_BY_4_0', ?, 'DRAFT')""")) {
                    draft.setObject(1, id);
                    draft.setString(2, "发布延迟 " + marker);
                    draft.setObject(3, owner);
                    draft.executeUpdate();
                }
                Thread.sleep(1500);
                try (Statement publish = db.createStatement()) {
                    publish.executeUpdate("update work set status = 'PUBLISHED', published_at = now(), version = version + 1"
                            + " where id = '" + id + "'");
                }
                long committed = System.nanoTime();
                String query = "{\"query\":\"{ searchWorks(query: \\\"" + marker + "\\\", first: 1) { totalCount } }\"}";
                String esQuery = "{\"size\":0,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":["
                        + "{\"ids\":{\"values\":[\"" + id + "\"]}},{\"term\":{\"status\":\"PUBLISHED\"}}]}}}";
                long inIndex = 0;
                long searchable = 0;
                while (true) {
                    long now = System.nanoTime();
                    if (inIndex == 0 && getOrNull(es + "/" + prefix + "works/_doc/" + id).contains("\"PUBLISHED\"")) {
                        inIndex = now;
                    }
                    if (searchable == 0 && post(es + "/" + prefix + "works/_search", esQuery, null)
                            .contains("\"value\":1")) {
                        searchable = now;
                    }
                    if (post(app + "/graphql", query, token).contains("\"totalCount\":1")) {
                        long found = System.nanoTime();
                        if (i >= 3) { // the first three warm the service's search path up
                            indexed.add((inIndex == 0 ? found : inIndex) - committed);
                            refreshed.add((searchable == 0 ? found : searchable) - committed);
                            latencies.add(found - committed);
                        }
                        break;
                    }
                    if (now - committed > Duration.ofSeconds(30).toNanos()) {
                        throw new IllegalStateException("work " + id + " not searchable after 30 s");
                    }
                    Thread.sleep(10);
                }
            }
        }
        System.out.printf("publish-to-searchable, %d works (ms from the publishing commit; polled every ~10 ms)%n",
                samples);
        System.out.printf("%-44s %8s %8s %8s%n", "", "p50", "p99", "max");
        System.out.printf("%-44s %8.0f %8.0f %8.0f%n", "in the index as published (real-time GET)",
                percentile(indexed, 50), percentile(indexed, 99), percentile(indexed, 100));
        System.out.printf("%-44s %8.0f %8.0f %8.0f%n", "found by a search straight to ES (refreshed)",
                percentile(refreshed, 50), percentile(refreshed, 99), percentile(refreshed, 100));
        System.out.printf("%-44s %8.0f %8.0f %8.0f%n", "found by searchWorks (publish-to-searchable)",
                percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));
    }

    /** Anonymous on the packaged service (the public's visibility, as a media outlet's); media1 in dev mode. */
    private String mediaToken() throws IOException, InterruptedException {
        return signer == null ? get(app + "/dev/token/media1") : null;
    }

    private static String text(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    /** The body of a GET, or "" when it answers 404. */
    private static String getOrNull(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.statusCode() == 404 ? "" : response.body();
    }

    // ---- plumbing

    private Connection connect() throws Exception {
        return DriverManager.getConnection(dev.getProperty("quarkus.datasource.jdbc.url"),
                dev.getProperty("quarkus.datasource.username"), dev.getProperty("quarkus.datasource.password"));
    }

    private static long scalar(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static double number(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getDouble(1);
        }
    }

    interface Call {
        void run() throws Exception;
    }

    private static long timed(Call call) throws Exception {
        long started = System.nanoTime();
        call.run();
        return System.nanoTime() - started;
    }

    /** Nearest rank, in milliseconds. */
    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = Math.max(1, (int) Math.ceil(p / 100.0 * sorted.size()));
        return sorted.get(rank - 1) / 1e6;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static String post(String url, String body, String token) throws IOException, InterruptedException {
        return post(url, body, token, "application/json");
    }

    private static String post(String url, String body, String token, String type)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static void put(String url, String body) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private static void delete(String url) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(url)).DELETE().build());
    }

    private static String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw new IOException(request.method() + " " + request.uri() + " -> " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }
}
