package cn.kepu.media.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Mixed soak (issue 13 item 6): N closed-loop clients for a fixed time, each request drawn at random from the mix of
 * what the service's users do — anonymous listing and search, an entrant editing a work, an entrant's upload session
 * (start, PUT to the presigned URL, complete), a judge scoring an assigned entry, an owner downloading an original
 * (a download record). Per operation it prints requests,
 * p50/p99/max and errors; every {@code --sample} seconds the service's RSS and its heap live data after GC (from
 * /q/metrics), so a leak shows as a rising line. Exit status 1 on any error.
 *
 * <p>It builds its own fixture through the API first, as real users would: accounts registered with tokens it signs
 * with the local stack's dev key (the packaged service trusts that key through the stack's dev.properties), a contest
 * with a rubric, entries with verified JPEGs, moderated and automatically assigned to judges.
 */
public final class Soak {

    private static final long HIGHEST = Duration.ofSeconds(60).toNanos();
    private static final String LISTING = """
            { works(first: 50) { pageInfo { hasNextPage endCursor } edges { node { id title titleEn kind status region
              tags creditLine createdAt updatedAt topics { code nameZh } creators { name affiliation } licence { code title } } } } }""";
    private static final String SEARCH = """
            query($q: String) { searchWorks(query: $q, first: 20) { edges { node { id title kind } } } }""";
    private static final List<String> QUERIES = List.of("量子计算", "深海探测", "新能源", "人工智能", "science", "航天",
            "battery", "科普");
    private static final String WORK_FIELDS = "id version";

    /** Weights of the mix, in per cent. */
    private static final Map<String, Integer> MIX = new LinkedHashMap<>();

    static {
        MIX.put("listing", 30);
        MIX.put("search", 25);
        MIX.put("edit", 15);
        MIX.put("upload", 10);
        MIX.put("score", 15);
        MIX.put("download", 5);
    }

    private final BenchClient client;
    private final URI metrics;
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    private Soak(BenchClient client, URI metrics) {
        this.client = client;
        this.metrics = metrics;
        MIX.keySet().forEach(op -> {
            latencies.put(op, new ConcurrentHistogram(HIGHEST, 3));
            errors.put(op, new AtomicLong());
        });
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI url = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080/graphql"));
        URI metrics = URI.create(options.getOrDefault("metrics", url.resolve("/q/metrics").toString()));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "600"));
        int sample = Integer.parseInt(options.getOrDefault("sample", "60"));
        long pid = Long.parseLong(options.getOrDefault("pid", "0"));
        BenchClient client = new BenchClient(url, Path.of(options.getOrDefault("key", ".local-stack/jwt/private.pem")),
                options.getOrDefault("issuer", "https://kepu.local/dev"));
        Soak soak = new Soak(client, metrics);
        System.exit(soak.run(clients, seconds, sample, pid) ? 0 : 1);
    }

    private boolean run(int clients, int seconds, int sampleSeconds, long pid) throws Exception {
        long begin = System.nanoTime();
        // The fixture's requests are the service's first of their kind (cold code paths): on a loaded machine they
        // may take far longer than the measured requests are allowed to (BENCH_FIXTURE_TIMEOUT seconds, 180).
        client.requestTimeout(Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_FIXTURE_TIMEOUT",
                "180"))));
        Fixture fixture = fixture(clients);
        client.requestTimeout(Duration.ofSeconds(30));
        System.err.printf(Locale.ROOT, "fixture ready in %.1f s: %d entrants, %d judges, %d assignments%n",
                (System.nanoTime() - begin) / 1e9, fixture.clients.size(), fixture.judges.size(),
                fixture.judges.stream().mapToInt(j -> j.assignments.size()).sum());
        System.out.printf(Locale.ROOT, "soak: %d clients, %d s, mix %s%n", clients, seconds, MIX);
        System.out.printf("%6s %9s %11s %9s%n", "min", "RSS MiB", "live MiB", "requests");
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong done = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                ClientState state = fixture.clients.get(c);
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String op = pick();
                        long start = System.nanoTime();
                        String error;
                        try {
                            error = perform(op, state, fixture);
                        } catch (IOException | RuntimeException e) {
                            error = e.toString();
                        }
                        latencies.get(op).recordValue(Math.min(System.nanoTime() - start, HIGHEST));
                        done.incrementAndGet();
                        if (error != null) {
                            errors.get(op).incrementAndGet();
                            firstError.compareAndSet(null, op + ": " + error);
                        }
                    }
                    return null;
                });
            }
            pool.submit(() -> {
                long t0 = System.nanoTime();
                while (System.nanoTime() < end) {
                    sampleMemory(pid, (System.nanoTime() - t0) / 60e9, done.get());
                    Thread.sleep(Math.min(sampleSeconds * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                }
                sampleMemory(pid, (System.nanoTime() - t0) / 60e9, done.get());
                return null;
            });
        }
        System.out.printf("%n%-8s %9s %8s %8s %8s %8s %7s%n", "op", "requests", "req/s", "p50 ms", "p99 ms", "max ms",
                "errors");
        long totalErrors = 0;
        for (String op : MIX.keySet()) {
            Histogram h = latencies.get(op);
            long failed = errors.get(op).get();
            totalErrors += failed;
            System.out.printf(Locale.ROOT, "%-8s %9d %8.1f %8.2f %8.2f %8.2f %7d%n", op, h.getTotalCount(),
                    h.getTotalCount() / (double) seconds, h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, failed);
        }
        System.out.printf(Locale.ROOT, "total: %d requests, %.1f req/s, %d errors%n", done.get(),
                done.get() / (double) seconds, totalErrors);
        if (firstError.get() != null) {
            System.out.println("first error: " + firstError.get());
        }
        return totalErrors == 0;
    }

    private static String pick() {
        int roll = ThreadLocalRandom.current().nextInt(100);
        for (var entry : MIX.entrySet()) {
            roll -= entry.getValue();
            if (roll < 0) {
                return entry.getKey();
            }
        }
        return "listing";
    }

    /** Returns null on success, else what went wrong. */
    private String perform(String op, ClientState state, Fixture fixture) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (op) {
            case "listing" -> {
                return client.call(null, LISTING, Map.of()).error();
            }
            case "search" -> {
                return client.call(null, SEARCH, Map.of("q", QUERIES.get(random.nextInt(QUERIES.size())))).error();
            }
            case "edit" -> {
                BenchClient.Answer answer = client.call(state.entrant, "mutation($id: ID!, $v: Int!, $input: WorkInput!) {"
                        + " updateWork(id: $id, version: $v, input: $input) { " + WORK_FIELDS + " } }",
                        Map.of("id", state.draftWork, "v", state.draftVersion, "input",
                                BenchClient.workInput("POSTER", "草稿 " + random.nextInt(1_000_000))));
                if (answer.error() == null) {
                    state.draftVersion = answer.data().path("updateWork").path("version").asInt();
                }
                return answer.error();
            }
            case "upload" -> {
                BenchClient.Answer answer = client.upload(state.entrant, state.photoWork);
                if (answer.error() == null) {
                    state.asset = answer.data().path("completeUpload").path("id").asText();
                }
                return answer.error();
            }
            case "download" -> {
                return client.call(state.entrant, "mutation($a: ID!) { downloadUrl(assetId: $a) { url } }",
                        Map.of("a", state.asset)).error();
            }
            case "score" -> {
                Judge judge = fixture.judges.get(random.nextInt(fixture.judges.size()));
                String assignment = judge.assignments.get(random.nextInt(judge.assignments.size()));
                List<Map<String, Object>> items = List.of(
                        Map.of("criterion", "ACCURACY", "value", random.nextInt(11)),
                        Map.of("criterion", "CREATIVITY", "value", random.nextInt(11)),
                        Map.of("criterion", "ARTISTRY", "value", random.nextInt(11)));
                return client.call(judge.token, "mutation($a: ID!, $items: [ScoreItemInput!]!) {"
                        + " submitScore(assignmentId: $a, items: $items) { assignmentId } }",
                        Map.of("a", assignment, "items", items)).error();
            }
            default -> throw new IllegalStateException(op);
        }
    }

    // ---- fixture --------------------------------------------------------------------------------------------

    private record Fixture(List<ClientState> clients, List<Judge> judges) {
    }

    private static final class ClientState {
        final String entrant;
        final String draftWork;
        final String photoWork;
        volatile int draftVersion;
        volatile String asset;

        ClientState(String entrant, String draftWork, int draftVersion, String photoWork) {
            this.entrant = entrant;
            this.draftWork = draftWork;
            this.draftVersion = draftVersion;
            this.photoWork = photoWork;
        }
    }

    private record Judge(String token, List<String> assignments) {
    }

    private Fixture fixture(int clients) throws IOException, InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String organizer = client.account("soak-org-" + run, "ORGANIZER", "科技周组委会");
        String moderator = client.account("soak-mod-" + run, "MODERATOR", "科技周组委会");
        List<String> judgeTokens = new ArrayList<>();
        List<String> judgeIds = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            String token = client.account("soak-judge-" + run + "-" + j, "JUDGE", "评审单位" + j);
            judgeTokens.add(token);
            judgeIds.add(client.call(token, "{ me { id } }", Map.of()).ok().path("me").path("id").asText());
        }
        JsonNode contest = client.call(organizer, "mutation($input: ContestInput!) { createContest(input: $input) {"
                + " id rounds { id } } }", Map.of("input", BenchClient.contestInput("压力测试征集 " + run))).ok()
                .path("createContest");
        String contestId = contest.path("id").asText();
        List<ClientState> states = new ArrayList<>();
        List<String> submissions = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String entrant = client.account("soak-entrant-" + run + "-" + c, "ENTRANT", "参赛单位" + c);
            JsonNode draft = client.call(entrant, "mutation($input: WorkInput!) { createWork(input: $input) { "
                    + WORK_FIELDS + " } }", Map.of("input", BenchClient.workInput("POSTER", "草稿"))).ok()
                    .path("createWork");
            String photo = client.createWork(entrant, "PHOTO", "照片");
            ClientState state = new ClientState(entrant, draft.path("id").asText(), draft.path("version").asInt(),
                    photo);
            state.asset = client.upload(entrant, photo).ok().path("completeUpload").path("id").asText();
            states.add(state);
            if (c < 4) {  // four entries, each judged by two of the three judges
                String entry = client.createWork(entrant, "POSTER", "参赛作品 " + c);
                client.upload(entrant, entry).ok();
                submissions.add(client.submitWhenVerified(client.graphql, entrant, contestId, entry));
            }
        }
        for (String submission : submissions) {
            client.call(moderator, "mutation($input: ModerateInput!) { moderate(input: $input) { id } }",
                    Map.of("input", Map.of("submissionId", submission, "stage", "ENTRY", "decision", "APPROVE",
                            "reasonCode", "OK"))).ok();
        }
        client.call(organizer, "mutation($c: ID!, $judges: [PanelJudgeInput!]!) {"
                + " setJudgePanel(contestId: $c, judges: $judges) }",
                Map.of("c", contestId, "judges", judgeIds.stream().map(id -> Map.of("judgeId", id)).toList())).ok();
        client.call(organizer, "mutation($r: ID!) { autoAssign(roundId: $r) { added } }",
                Map.of("r", contest.path("rounds").get(0).path("id").asText())).ok();
        List<Judge> judges = new ArrayList<>();
        for (String token : judgeTokens) {
            List<String> assignments = new ArrayList<>();
            client.call(token, "query($c: ID!) { myAssignments(contestId: $c) { assignmentId } }",
                    Map.of("c", contestId)).ok().path("myAssignments")
                    .forEach(a -> assignments.add(a.path("assignmentId").asText()));
            if (!assignments.isEmpty()) {
                judges.add(new Judge(token, assignments));
            }
        }
        if (judges.isEmpty()) {
            throw new IllegalStateException("autoAssign gave no judge an assignment");
        }
        return new Fixture(states, judges);
    }

    private void sampleMemory(long pid, double minutes, long requests) {
        String rss = "-";
        if (pid > 0) {
            try {
                rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", ""))
                        .map(kb -> String.valueOf(Long.parseLong(kb) / 1024)).findFirst().orElse("-");
            } catch (IOException e) {
                rss = "gone";
            }
        }
        String live = "-";
        try {
            HttpResponse<String> text = client.http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            live = text.body().lines().filter(l -> l.startsWith("jvm_gc_live_data_size_bytes"))
                    .map(l -> String.format(Locale.ROOT, "%.0f", Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) / 1048576))
                    .findFirst().orElse("-");
        } catch (IOException | InterruptedException | RuntimeException e) {
            live = "n/a";
        }
        System.out.printf(Locale.ROOT, "%6.1f %9s %11s %9d%n", minutes, rss, live, requests);
    }
}
