package cn.kepu.media.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-model load generator: requests start on a fixed schedule (constant arrival rate), whether or not earlier ones
 * have finished, and each latency is measured from the moment its request was <em>due</em>, not from when a free
 * connection could send it. A closed loop (GraphQLLoad) sends the next request only after the previous answer, so
 * when the service stalls it simply sends less and the stall disappears from its percentiles ("coordinated
 * omission"); here a stall delays every request due meanwhile, and they all count, as they would for real users.
 *
 * <pre>
 * deploy/bench/open-load.sh --query-file deploy/bench/works-first-50.graphql --rate 100,200,400 --seconds 30
 * </pre>
 *
 * <p>Up to {@code --connections} requests are in flight at once (one keep-alive HTTP/1.1 connection each); a request
 * due while all are busy waits, and that wait is part of its latency. Two latencies are recorded in HdrHistograms (3
 * significant digits): <b>corrected</b> (due → answer read, what users see) and <b>service</b> (sent → answer read,
 * what a closed loop would report). Errors are counted as in GraphQLLoad. Runs of the rates in turn, each with its own
 * unmeasured warm-up; exit status 1 if any measured request failed, or if the achieved rate fell below 95 % of the
 * target (the generator or the service could not keep up: the row is marked).
 */
public final class OpenLoad {

    private static final String USAGE = """
            Usage: OpenLoad (--query-file FILE | --query TEXT) --rate LIST [options]
              --url URL           GraphQL endpoint (default http://localhost:8080/graphql)
              --query-file FILE   file holding the GraphQL operation
              --query TEXT        the GraphQL operation itself
              --variables JSON    variables as a JSON object (default none)
              --rate LIST         requests per second, comma-separated rates run in turn
              --seconds N         measured seconds per rate (default 30)
              --warmup N          warm-up seconds at the same rate before each, not measured (default 5)
              --connections N     most requests in flight at once (default 64)
              --token TOKEN       bearer token sent with every request
              --token-url URL     GET this URL once; its body (text) is the bearer token
            """;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long HIGHEST_NANOS = Duration.ofSeconds(60).toNanos();

    private OpenLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = options.token;
        if (options.tokenUrl != null) {
            token = http.send(HttpRequest.newBuilder(options.tokenUrl).build(),
                    HttpResponse.BodyHandlers.ofString()).body().strip();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(options.url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        GraphQLLoad.requestBody(options.query, options.variables), StandardCharsets.UTF_8));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();

        System.err.printf(Locale.ROOT, "target %s, open model, %d s warm-up + %d s measured per rate, ≤ %d in flight%n",
                options.url, options.warmup, options.seconds, options.connections);
        System.out.println(Result.HEADER);
        boolean failed = false;
        String firstError = null;
        for (int rate : options.rates) {
            run(http, request, rate, options.warmup, options.connections, null);
            Result result = run(http, request, rate, options.seconds, options.connections, new Result(rate));
            System.out.println(result.row(options.seconds));
            failed |= result.errors.get() > 0 || !result.keptUp(options.seconds);
            if (firstError == null) {
                firstError = result.firstError.get();
            }
        }
        if (firstError != null) {
            System.out.println("\nfirst error: " + firstError);
        }
        System.exit(failed ? 1 : 0);
    }

    /** Sends {@code rate × seconds} requests on schedule; records into {@code result} unless it is null (warm-up). */
    static Result run(HttpClient http, HttpRequest request, int rate, int seconds, int connections, Result result)
            throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long due = start + i * interval;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        long sent = System.nanoTime();
                        String error = send(http, request);
                        long done = System.nanoTime();
                        if (result != null) {
                            result.record(done - due, done - sent, error);
                        }
                    }
                    return null;
                });
            }
        }
        if (result != null) {
            result.elapsedNanos = System.nanoTime() - start;
        }
        return result;
    }

    private static String send(HttpClient http, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return GraphQLLoad.describeFailure(response.statusCode(), response.body());
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Latencies and errors of one measured rate. */
    static final class Result {
        static final String HEADER = String.format(Locale.ROOT, "%7s %9s %8s %8s %8s %8s %9s %8s %10s %7s",
                "rate/s", "requests", "done/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "svc p99 ms",
                "errors");
        final int rate;
        final Histogram corrected = new ConcurrentHistogram(HIGHEST_NANOS, 3);
        final Histogram service = new ConcurrentHistogram(HIGHEST_NANOS, 3);
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        volatile long elapsedNanos;

        Result(int rate) {
            this.rate = rate;
        }

        void record(long correctedNanos, long serviceNanos, String error) {
            corrected.recordValue(Math.min(correctedNanos, HIGHEST_NANOS));
            service.recordValue(Math.min(serviceNanos, HIGHEST_NANOS));
            if (error != null) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, error);
            }
        }

        /** Whether the schedule was held: all requests done within 5 % of the planned window. */
        boolean keptUp(int seconds) {
            return elapsedNanos <= seconds * 1_050_000_000L + Duration.ofMillis(500).toNanos();
        }

        String row(int seconds) {
            long count = corrected.getTotalCount();
            return String.format(Locale.ROOT, "%7d %9d %8.1f %8.2f %8.2f %8.2f %9.2f %8.2f %10.2f %7d%s", rate, count,
                    count / (elapsedNanos / 1e9), ms(corrected, 50), ms(corrected, 90), ms(corrected, 99),
                    ms(corrected, 99.9), corrected.getMaxValue() / 1e6, ms(service, 99), errors.get(),
                    keptUp(seconds) ? "" : "  (fell behind the schedule)");
        }

        private static double ms(Histogram histogram, double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1e6;
        }
    }

    private record Options(URI url, String query, String variables, List<Integer> rates, int seconds, int warmup,
            int connections, String token, URI tokenUrl) {

        static Options parse(String[] args) throws IOException {
            URI url = URI.create("http://localhost:8080/graphql");
            String query = null;
            String variables = null;
            List<Integer> rates = new ArrayList<>();
            int seconds = 30;
            int warmup = 5;
            int connections = 64;
            String token = null;
            URI tokenUrl = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                String value;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                switch (name) {
                    case "--url" -> url = URI.create(value);
                    case "--query-file" -> query = Files.readString(Path.of(value));
                    case "--query" -> query = value;
                    case "--variables" -> variables = value;
                    case "--rate" -> {
                        for (String rate : value.split(",")) {
                            rates.add(positive("--rate", rate));
                        }
                    }
                    case "--seconds" -> seconds = positive(name, value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--connections" -> connections = positive(name, value);
                    case "--token" -> token = value;
                    case "--token-url" -> tokenUrl = URI.create(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (query == null || rates.isEmpty()) {
                throw new IllegalArgumentException("--query-file (or --query) and --rate are required");
            }
            return new Options(url, query, variables, List.copyOf(rates), seconds, warmup, connections, token, tokenUrl);
        }

        private static int positive(String name, String value) {
            int number = Integer.parseInt(value.strip());
            if (number < 1) {
                throw new IllegalArgumentException(name + " must be at least 1");
            }
            return number;
        }
    }
}
