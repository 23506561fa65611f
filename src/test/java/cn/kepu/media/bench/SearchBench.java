package cn.kepu.media.bench;

import cn.kepu.media.testsupport.SearchWords;
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
 *       runs reindexWorks without stored documents (every document built), bulks the very same requests raw into a
 *       fresh index (the stored documents with their ids and versions; and the older baseline, {@code _source} with
 *       automatic ids), runs reindexWorks again (the documents the first stored: steady state) and bulks raw again:
 *       docs/s of each, each reindex's ratio to the faster raw bulk, the CPU seconds of every process in each phase,
 *       and the stored documents' size;</li>
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

    /**
     * The reindex against two raw baselines, each phase with the CPU seconds of every process on the machine.
     *
     * <p>The baseline ("same documents") is the exact request the service makes, minus the service: every work's
     * stored document (search_document, which is what the reindex sends: the source with the w.* word fields, its
     * id and external version) bulked by this client from bytes prepared before the clock starts, 1 000 to a request,
     * into a fresh index of the same definition with the build settings the reindex uses (refresh off, no replicas,
     * restored and refreshed at the end). Twice: with the definition's durable translog and with an asynchronous one
     * (Elasticsearch's bulk-load advice); the ratio is against the faster. What that leaves out is only the service:
     * reading PostgreSQL, building what is not stored, storing it, and assembling the requests.
     *
     * <p>The older baseline (figures before 2026-12-03 13:00) is still printed: the documents read back from the
     * index's {@code _source}, automatic ids. {@code _source} leaves the w.* fields out, so that one asks Elasticsearch
     * for a quarter less work than the reindex does (measured 11.9 s against 14.9 s), and automatic ids skip the id
     * look-up every document with an id of its own needs; its ratio mixed the service's cost with the index design.
     */
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
        Cpu cpu = Cpu.fromSystemProperties();
        List<Phase> phases = new ArrayList<>();
        // 0. Warm-up (BENCH_WARM=true), not counted: a reindex runs on a service and an Elasticsearch that have been
        // running (their JIT has compiled the segmenter and the indexing code). Measured cold, the first phase pays
        // for both compilers: Elasticsearch took 40 CPU s for what it does in 25 warm (2026-12-03 14:45, after a
        // restart of Elasticsearch).
        if (Boolean.getBoolean("bench.warm")) {
            try (Connection db = connect(); Statement clear = db.createStatement()) {
                clear.executeUpdate("delete from search_document");
            }
            Phase warm = cpu.phase("warm-up reindexWorks (not counted)", Kind.BUILT, () -> reindexWorks(token));
            System.err.printf("  (warm-up: service %.1f, Elasticsearch %.1f CPU s)%n", warm.cpu()[0], warm.cpu()[1]);
        }
        // 1. Every document built: the bench seeds works straight into PostgreSQL, and a build at service start may
        // have stored their documents meanwhile; without stored documents the reindex builds (segments, serialises)
        // every work, as after a change of the document builder or for works never indexed.
        try (Connection db = connect(); Statement clear = db.createStatement()) {
            clear.executeUpdate("delete from search_document");
            clear.execute("vacuum search_document");
        }
        Jfr jfr = Jfr.fromSystemProperties();
        jfr.start("built");
        Phase built = cpu.phase("reindexWorks, every document built", Kind.BUILT, () -> reindexWorks(token));
        jfr.stop("built");
        phases.add(built);
        System.err.println("Reading the documents back for the raw bulks...");
        List<byte[]> old = oldRequests(readBack(built.index()));
        List<byte[]> same = sameRequests(true);
        phases.add(cpu.phase("raw _bulk of _source, automatic ids (older baseline)", Kind.OLD_RAW,
                () -> rawBulk(old, Translog.DURABLE)));
        phases.add(cpu.phase("raw _bulk, same documents, durable translog", Kind.RAW,
                () -> rawBulk(same, Translog.DURABLE)));
        phases.add(cpu.phase("raw _bulk, same documents, async translog", Kind.RAW,
                () -> rawBulk(same, Translog.ASYNC)));
        // For reference, not a ratio: the same sources without ids and versions (the figure the older baseline was
        // compared with: what the w.* fields cost apart from the ids).
        List<byte[]> anonymous = sameRequests(false);
        phases.add(cpu.phase("(reference) same sources, automatic ids", Kind.REFERENCE,
                () -> rawBulk(anonymous, Translog.DURABLE)));
        // 2. Steady state: every work's document stored by the first (as the indexer stores each document it sends),
        // the case of a mapping change, an Elasticsearch upgrade or a rebuilt cluster. Then each raw bulk once more,
        // so that load changing during the run shows.
        jfr.start("stored");
        phases.add(cpu.phase("reindexWorks, stored documents (steady state)", Kind.STORED, () -> reindexWorks(token)));
        jfr.stop("stored");
        phases.add(cpu.phase("raw _bulk, same documents, async translog", Kind.RAW,
                () -> rawBulk(same, Translog.ASYNC)));
        phases.add(cpu.phase("raw _bulk, same documents, durable translog", Kind.RAW,
                () -> rawBulk(same, Translog.DURABLE)));
        phases.add(cpu.phase("raw _bulk of _source, automatic ids (older baseline)", Kind.OLD_RAW,
                () -> rawBulk(old, Translog.DURABLE)));
        double raw = phases.stream().filter(p -> p.kind() == Kind.RAW).mapToDouble(Phase::rate).max().orElseThrow();
        double oldRaw = phases.stream().filter(p -> p.kind() == Kind.OLD_RAW).mapToDouble(Phase::rate).max()
                .orElseThrow();
        System.out.printf("reindex vs raw _bulk (1000 docs per request, 2 in flight), in run order; CPU seconds of each"
                + " process during the phase (%s)%n", cpu.describe());
        System.out.printf("%-54s %7s %7s %7s %6s %6s | %7s %7s %7s %7s %7s%n", "", "docs", "seconds", "docs/s",
                "ratio", "old", "service", "elastic", "postgres", "client", "others");
        for (Phase p : phases) {
            boolean reindex = p.kind() == Kind.BUILT || p.kind() == Kind.STORED;
            System.out.printf("%-54s %7d %7.1f %7.0f %6s %6s | %7.1f %7.1f %7.1f %7.1f %7.1f%n", p.name(),
                    p.documents(), p.millis() / 1000.0, p.rate(), reindex ? "%.2f".formatted(p.rate() / raw) : "",
                    reindex ? "%.2f".formatted(p.rate() / oldRaw) : "", p.cpu()[0], p.cpu()[1], p.cpu()[2], p.cpu()[3],
                    p.cpu()[4]);
        }
        System.out.printf("ratio: against the faster raw _bulk of the same documents (%.0f docs/s); old: against the"
                + " older baseline, raw _source with automatic ids (%.0f docs/s)%n", raw, oldRaw);
        try (Connection db = connect()) {
            System.out.printf("stored documents: %d, %.0f bytes each on average as JSON, %.0f as stored (TOAST), table"
                    + " with its index and TOAST %.1f MiB%n", scalar(db, "select count(*) from search_document"),
                    number(db, "select avg(octet_length(body)) from search_document"),
                    number(db, "select avg(pg_column_size(body)) from search_document"),
                    number(db, "select pg_total_relation_size('search_document')") / 1024.0 / 1024.0);
        }
    }

    /** What a phase of the reindex benchmark is, for the ratios. */
    private enum Kind { BUILT, STORED, RAW, OLD_RAW, REFERENCE }

    /** One timed phase: documents written, wall time, CPU seconds per process (service, ES, PostgreSQL, client, others). */
    private record Phase(String name, Kind kind, String index, long documents, long millis, double[] cpu) {
        double rate() {
            return documents * 1000.0 / millis;
        }
    }

    /** What one reindexWorks answered, or a raw bulk did. */
    private record Run(String index, long documents, long millis) {
    }

    private Run reindexWorks(String token) throws Exception {
        String report = post(app + "/graphql", "{\"query\":\"mutation { reindexWorks { index documents millis } }\"}",
                token);
        return new Run(field(report, "index"), Long.parseLong(field(report, "documents")),
                Long.parseLong(field(report, "millis")));
    }

    /**
     * The reindex's bulk requests without the service: each work's stored document with the action line the service
     * writes for it (its id, its version as an external version; without ids: automatic ones), 1 000 to a request,
     * as bytes. The index comes from the URL, so the same bytes serve every run.
     */
    private List<byte[]> sameRequests(boolean withIds) throws Exception {
        List<byte[]> requests = new ArrayList<>();
        try (Connection db = connect(); Statement select = db.createStatement()) {
            db.setAutoCommit(false);
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery(
                    "select work_id::text, version, body from search_document order by work_id")) {
                java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream(2 << 20);
                int inRequest = 0;
                while (rows.next()) {
                    request.write((withIds ? "{\"index\":{\"_id\":\"" + rows.getString(1) + "\",\"version\":"
                            + rows.getLong(2) + ",\"version_type\":\"external\"}}\n" : "{\"index\":{}}\n")
                            .getBytes(StandardCharsets.UTF_8));
                    request.write(rows.getBytes(3));
                    request.write('\n');
                    if (++inRequest == 1000) {
                        requests.add(request.toByteArray());
                        request.reset();
                        inRequest = 0;
                    }
                }
                if (inRequest > 0) {
                    requests.add(request.toByteArray());
                }
            }
            db.commit();
        }
        return requests;
    }

    /** The older baseline's requests: the sources read back, automatic ids, 1 000 to a request. */
    private static List<byte[]> oldRequests(List<String> sources) {
        List<byte[]> requests = new ArrayList<>();
        for (int from = 0; from < sources.size(); from += 1000) {
            StringBuilder bulk = new StringBuilder();
            for (String source : sources.subList(from, Math.min(sources.size(), from + 1000))) {
                bulk.append("{\"index\":{}}\n").append(source).append('\n');
            }
            requests.add(bulk.toString().getBytes(StandardCharsets.UTF_8));
        }
        return requests;
    }

    /** The translog while a raw bulk fills its index: the definition's (fsync per request) or asynchronous. */
    private enum Translog { DURABLE, ASYNC }

    /**
     * A raw bulk load of prepared requests, 2 at a time, into a fresh index of the definition with the build settings
     * (no refresh, no replicas; the translog as asked), then the definition's settings back (and a flush after an
     * asynchronous translog) and a refresh, as the reindex ends. Index creation is outside the clock (the reindex's is inside its time).
     */
    private Run rawBulk(List<byte[]> requests, Translog translog) throws Exception {
        String raw = prefix + "bench-raw-" + System.currentTimeMillis();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var definition = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                Files.readString(Path.of("schema/elasticsearch/works-v4.json")));
        var settings = (com.fasterxml.jackson.databind.node.ObjectNode) definition.get("settings");
        settings.put("refresh_interval", "-1").put("number_of_replicas", 0);
        if (translog == Translog.ASYNC) {
            settings.put("translog.durability", "async");
        }
        put(es + "/" + raw, json.writeValueAsString(definition));
        long documents;
        long started = System.nanoTime();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
            for (byte[] request : requests) {
                answers.add(pool.submit(() -> send(HttpRequest.newBuilder(URI.create(es + "/" + raw
                        + "/_bulk?filter_path=errors,items.*.error")).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build())));
            }
            for (var answer : answers) {
                String response = answer.get();
                if (response.contains("\"errors\":true")) {
                    throw new IllegalStateException("raw bulk had errors: " + response.substring(0, 500));
                }
            }
        }
        put(es + "/" + raw + "/_settings", "{\"index\":{\"refresh_interval\":null,\"number_of_replicas\":0"
                + (translog == Translog.ASYNC ? ",\"translog.durability\":null" : "") + "}}");
        if (translog == Translog.ASYNC) {
            post(es + "/" + raw + "/_flush", "", null); // what was acknowledged, on disk (as SearchIndex.finishBuild)
        }
        post(es + "/" + raw + "/_refresh", "", null);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String counted = get(es + "/" + raw + "/_count");
        documents = Long.parseLong(field(counted, "count"));
        delete(es + "/" + raw);
        return new Run(raw, documents, millis);
    }

    /**
     * CPU time of the processes a reindex involves, from /proc (clock ticks, 100 a second): the service
     * ({@code bench.service.pid}), Elasticsearch and PostgreSQL (their pid files under {@code bench.stack}; PostgreSQL
     * is the postmaster, its live children and the children it has reaped), this client, and everything else the
     * machine ran meanwhile (its busy time less those). Without the properties only the client and the others count.
     */
    private record Cpu(long service, long elasticsearch, long postmaster) {

        static Cpu fromSystemProperties() {
            String stack = System.getProperty("bench.stack", "");
            return new Cpu(Long.getLong("bench.service.pid", -1), pidFile(stack + "/elasticsearch/elasticsearch.pid"),
                    pidFile(stack + "/postgres/data/postmaster.pid"));
        }

        private static long pidFile(String path) {
            try {
                return Long.parseLong(Files.readAllLines(Path.of(path)).getFirst().trim());
            } catch (Exception e) {
                return -1;
            }
        }

        String describe() {
            return "service pid " + service + ", Elasticsearch " + elasticsearch + ", PostgreSQL " + postmaster;
        }

        interface Timed {
            Run run() throws Exception;
        }

        Phase phase(String name, Kind kind, Timed timed) throws Exception {
            long[] before = sample();
            Run run = timed.run();
            long[] after = sample();
            double[] seconds = new double[5];
            long known = 0;
            for (int i = 0; i < 4; i++) {
                long ticks = after[i] - before[i];
                seconds[i] = ticks / 100.0;
                known += ticks;
            }
            seconds[4] = Math.max(0, after[4] - before[4] - known) / 100.0;
            System.err.printf("  %s: %.1f s%n", name, run.millis() / 1000.0);
            return new Phase(name, kind, run.index(), run.documents(), run.millis(), seconds);
        }

        /** Ticks of: the service, Elasticsearch, PostgreSQL, this client, the machine's busy time. */
        long[] sample() {
            long postgres = ticks(postmaster, true);
            for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList())
                    .orElse(List.of())) {
                postgres += ticks(child.pid(), false);
            }
            return new long[] {ticks(service, false), ticks(elasticsearch, false), postgres,
                    ticks(ProcessHandle.current().pid(), false), busy()};
        }

        /** utime + stime (and, for a parent, the waited-for children's) of a process; 0 when it is not there. */
        private static long ticks(long pid, boolean withReaped) {
            if (pid <= 0) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields[0] is the state (field 3): utime is field 14, stime 15, cutime 16, cstime 17.
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return withReaped ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
            } catch (Exception e) {
                return 0;
            }
        }

        /** The machine's busy ticks (every CPU): user, nice, system, irq, softirq, steal. */
        private static long busy() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                return Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                        + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]) + Long.parseLong(cpu[8]);
            } catch (IOException e) {
                return 0;
            }
        }
    }

    /**
     * A JFR recording of the service during a phase ({@code bench.jfr}: a directory; the service's pid as for
     * {@link Cpu}), started and dumped with jcmd: {@code <dir>/reindex-<phase>.jfr}. Off without the property.
     */
    private record Jfr(String directory, long pid) {

        static Jfr fromSystemProperties() {
            return new Jfr(System.getProperty("bench.jfr", ""), Long.getLong("bench.service.pid", -1));
        }

        void start(String phase) throws Exception {
            jcmd("JFR.start", "name=" + phase, "settings=profile");
        }

        void stop(String phase) throws Exception {
            jcmd("JFR.stop", "name=" + phase, "filename=" + directory + "/reindex-" + phase + ".jfr");
        }

        private void jcmd(String... command) throws Exception {
            if (directory.isEmpty() || pid <= 0) {
                return;
            }
            List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                    .toString(), Long.toString(pid)));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                System.err.println("jcmd failed: " + output);
            }
        }
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
                String marker = SearchWords.unique("pub");
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
