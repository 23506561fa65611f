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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load generator for a running GraphQL endpoint: N clients each send one operation
 * back-to-back for a fixed time, then throughput, latency percentiles and errors are printed as one
 * table row per client count.
 *
 * <p>Self-contained on purpose (JDK only, one file) so that it runs with the single-file source
 * launcher against any deployment, without building the project:
 *
 * <pre>
 * java src/test/java/cn/kepu/media/bench/GraphQLLoad.java --query-file deploy/bench/works-first-50.graphql \
 *     --token-url http://localhost:8080/dev/token/media1 --clients 1,16
 * </pre>
 *
 * <p>Measurement rules: each client count gets its own warm-up (connections opened, both JITs warm),
 * whose requests are discarded. Every request started inside the measured window is counted and
 * waited for, failed ones included, so slow requests are not lost at the window's end; throughput is
 * that count divided by the window length. Latency is the time from sending the request to having
 * read the whole response body. Percentiles are nearest-rank over all recorded latencies.
 *
 * <p>A request counts as an error if it fails at the transport level, gets a non-2xx status, gets
 * a body that is not a JSON object, or gets a GraphQL response whose top-level {@code errors} member
 * is present and non-empty. The process exits with status 1 if any measured request failed, 2 on a
 * usage error.
 */
public final class GraphQLLoad {

    private static final String USAGE = """
            Usage: GraphQLLoad (--query-file FILE | --query TEXT) [options]
              --url URL           GraphQL endpoint (default http://localhost:8080/graphql)
              --query-file FILE   file holding the GraphQL operation
              --query TEXT        the GraphQL operation itself
              --variables JSON    variables as a JSON object (default none)
              --clients LIST      concurrent clients, comma-separated runs in turn (default 1)
              --seconds N         measured seconds per run (default 20)
              --warmup N          warm-up seconds before each run, not measured (default 5)
              --token TOKEN       bearer token sent with every request
              --token-url URL     GET this URL once; its body (text) is the bearer token
            """;

    /** Generous, so that a slow server shows up as long latencies rather than as errors. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ERROR_CHARS = 2000;

    private static final String HEADER = String.format(Locale.ROOT, "%7s %9s %10s %8s %8s %8s %8s %7s",
            "clients", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
    private static final String ROW = "%7d %9d %10.1f %8.2f %8.2f %8.2f %8.2f %7d";

    private GraphQLLoad() {
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
        if (options == null) {
            System.out.print(USAGE);
            return;
        }

        // HTTP/1.1: one keep-alive connection per client, as each client is one independent caller.
        // (The JDK's default, HTTP/2, would try an h2c upgrade and multiplex all clients over a
        // single connection, which measures something else.)
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();

        String token = options.token();
        if (options.tokenUrl() != null) {
            try {
                token = fetchToken(http, options.tokenUrl());
            } catch (IOException e) {
                System.err.println("error: cannot get a token: " + describe(e));
                System.exit(1);
                return;
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(options.url())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        requestBody(options.query(), options.variables()), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest operation = request.build();

        System.err.printf(Locale.ROOT, "target %s, %d s warm-up + %d s measured per client count%n",
                options.url(), options.warmupSeconds(), options.seconds());
        System.out.println(HEADER);
        String firstError = null;
        long totalErrors = 0;
        for (int clients : options.clients()) {
            RunResult result = run(http, operation, clients, Duration.ofSeconds(options.warmupSeconds()),
                    Duration.ofSeconds(options.seconds()));
            System.out.println(result.formatRow());
            totalErrors += result.errors();
            if (firstError == null && result.firstError() != null) {
                firstError = "(clients=" + clients + "): " + result.firstError();
            }
        }
        if (firstError != null) {
            System.out.println();
            System.out.println("first error " + firstError);
        }
        System.out.flush();
        System.exit(totalErrors > 0 ? 1 : 0);
    }

    /** One run: {@code clients} concurrent closed-loop clients for warm-up plus measured window. */
    private static RunResult run(HttpClient http, HttpRequest operation, int clients, Duration warmup,
            Duration measured) throws InterruptedException {
        System.err.printf(Locale.ROOT, "%d client(s): warming up %d s, then measuring %d s%n",
                clients, warmup.toSeconds(), measured.toSeconds());
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        AtomicReference<String> firstError = new AtomicReference<>();

        List<Future<ClientResult>> futures = new ArrayList<>(clients);
        // Virtual threads: a client spends nearly all its time blocked on the network, and the
        // client count is then not limited by platform threads.
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                futures.add(executor.submit(new Client(http, operation, measureFrom, measureUntil, firstError)));
            }
        }

        LongList all = new LongList();
        long errors = 0;
        for (Future<ClientResult> future : futures) {
            try {
                ClientResult result = future.get();
                all.addAll(result.latencies());
                errors += result.errors();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a client failed unexpectedly", e.getCause());
            }
        }
        long[] sorted = all.toArray();
        Arrays.sort(sorted);
        return new RunResult(clients, sorted, errors, firstError.get(), measured);
    }

    /** Sends the operation back-to-back until the measured window ends. */
    private record Client(HttpClient http, HttpRequest operation, long measureFrom, long measureUntil,
            AtomicReference<String> firstError) implements Callable<ClientResult> {

        @Override
        public ClientResult call() throws InterruptedException {
            LongList latencies = new LongList();
            long errors = 0;
            while (true) {
                long start = System.nanoTime();
                if (start >= measureUntil) {
                    break;
                }
                String error = send();
                long elapsed = System.nanoTime() - start;
                if (start >= measureFrom) {
                    latencies.add(elapsed);
                    if (error != null) {
                        errors++;
                        firstError.compareAndSet(null, error);
                    }
                }
            }
            return new ClientResult(latencies, errors);
        }

        /** Returns null on success, else a description of the failure. */
        private String send() throws InterruptedException {
            HttpResponse<String> response;
            try {
                response = http.send(operation, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return "I/O: " + describe(e);
            }
            return describeFailure(response.statusCode(), response.body());
        }
    }

    private record ClientResult(LongList latencies, long errors) {
    }

    private record RunResult(int clients, long[] sortedLatencies, long errors, String firstError,
            Duration measured) {

        String formatRow() {
            long requests = sortedLatencies.length;
            double perSecond = requests / (measured.toNanos() / 1e9);
            return String.format(Locale.ROOT, ROW, clients, requests, perSecond, percentileMillis(50),
                    percentileMillis(90), percentileMillis(99), percentileMillis(100), errors);
        }

        /** Nearest-rank percentile; NaN when nothing was recorded. */
        private double percentileMillis(double percentile) {
            if (sortedLatencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * sortedLatencies.length);
            return sortedLatencies[Math.max(rank, 1) - 1] / 1e6;
        }
    }

    /**
     * Returns null for a successful GraphQL response, else the status and (truncated) body. Per the
     * GraphQL spec an error-free response has no {@code errors} member; {@code null} and {@code []}
     * are accepted too, as some servers send them.
     */
    static String describeFailure(int status, String body) {
        if (status < 200 || status > 299) {
            return "HTTP " + status + ": " + truncate(body);
        }
        String errors;
        try {
            errors = JsonScanner.topLevelMember(body, "errors");
        } catch (IllegalArgumentException e) {
            return "HTTP " + status + ", body is not a JSON object (" + e.getMessage() + "): " + truncate(body);
        }
        if (errors == null || errors.equals("null") || errors.replaceAll("\\s", "").equals("[]")) {
            return null;
        }
        return "HTTP " + status + ", GraphQL errors: " + truncate(body);
    }

    /** The exception with its causes: many I/O exceptions carry their message only on the cause. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    }

    private static String fetchToken(HttpClient http, URI tokenUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tokenUrl).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String token = response.body().strip();
        if (response.statusCode() != 200 || token.isEmpty()) {
            throw new IOException(tokenUrl + " answered HTTP " + response.statusCode()
                    + ": " + truncate(response.body()));
        }
        return token;
    }

    /** The JSON body of a GraphQL-over-HTTP POST request. */
    static String requestBody(String query, String variablesJson) {
        StringBuilder body = new StringBuilder(query.length() + 32).append("{\"query\":");
        appendJsonString(body, query);
        if (variablesJson != null) {
            body.append(",\"variables\":").append(variablesJson);
        }
        return body.append('}').toString();
    }

    private static void appendJsonString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Command-line options; {@link #parse} returns null for --help. */
    record Options(URI url, String query, String variables, List<Integer> clients, int seconds,
            int warmupSeconds, String token, URI tokenUrl) {

        static Options parse(String[] args) throws IOException {
            URI url = URI.create("http://localhost:8080/graphql");
            String query = null;
            String variables = null;
            List<Integer> clients = List.of(1);
            int seconds = 20;
            int warmup = 5;
            String token = null;
            URI tokenUrl = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                String value;
                int eq = name.indexOf('=');
                if (name.equals("--help") || name.equals("-h")) {
                    return null;
                } else if (name.startsWith("--") && eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                switch (name) {
                    case "--url" -> url = URI.create(value);
                    case "--query" -> query = value;
                    case "--query-file" -> query = Files.readString(Path.of(value), StandardCharsets.UTF_8);
                    case "--variables" -> variables = jsonObject(value);
                    case "--clients" -> clients = positiveInts(value);
                    case "--seconds" -> seconds = atLeast(name, value, 1);
                    case "--warmup" -> warmup = atLeast(name, value, 0);
                    case "--token" -> token = value.strip();
                    case "--token-url" -> tokenUrl = URI.create(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (query == null || query.isBlank()) {
                throw new IllegalArgumentException("--query or --query-file is required");
            }
            if (token != null && tokenUrl != null) {
                throw new IllegalArgumentException("give --token or --token-url, not both");
            }
            return new Options(url, query, variables, clients, seconds, warmup, token, tokenUrl);
        }

        private static String jsonObject(String value) {
            String trimmed = value.strip();
            try {
                JsonScanner.requireObject(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--variables must be a JSON object: " + e.getMessage());
            }
            return trimmed;
        }

        private static List<Integer> positiveInts(String value) {
            List<Integer> list = new ArrayList<>();
            for (String part : value.split(",")) {
                list.add(atLeast("--clients", part.strip(), 1));
            }
            return List.copyOf(list);
        }

        private static int atLeast(String name, String value, int min) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, got '" + value + "'");
            }
            if (n < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + n);
            }
            return n;
        }
    }

    /**
     * Just enough JSON reading to find one top-level member of an object without a JSON library.
     * Values are skipped structurally (strings with escapes, nested objects and arrays), so a data
     * field or string that merely contains the word "errors" is not mistaken for the member.
     */
    static final class JsonScanner {
        private final String text;
        private int pos;

        private JsonScanner(String text) {
            this.text = text;
        }

        /**
         * Returns the raw JSON text of the top-level member {@code name}, or null if the object has
         * no such member.
         *
         * @throws IllegalArgumentException if {@code json} is not a single JSON object
         */
        static String topLevelMember(String json, String name) {
            return scan(json, name);
        }

        /** @throws IllegalArgumentException if {@code json} is not a single JSON object */
        static void requireObject(String json) {
            scan(json, null);
        }

        private static String scan(String json, String name) {
            JsonScanner scanner = new JsonScanner(json);
            scanner.skipWhitespace();
            scanner.expect('{');
            scanner.skipWhitespace();
            String found = null;
            if (scanner.peek() == '}') {
                scanner.pos++;
            } else {
                while (true) {
                    scanner.skipWhitespace();
                    String key = scanner.readString();
                    scanner.skipWhitespace();
                    scanner.expect(':');
                    scanner.skipWhitespace();
                    int valueStart = scanner.pos;
                    scanner.skipValue();
                    if (found == null && key.equals(name)) {
                        found = json.substring(valueStart, scanner.pos);
                    }
                    scanner.skipWhitespace();
                    char next = scanner.next();
                    if (next == '}') {
                        break;
                    }
                    if (next != ',') {
                        throw scanner.unexpected(scanner.pos - 1);
                    }
                }
            }
            scanner.skipWhitespace();
            if (scanner.pos != json.length()) {
                throw new IllegalArgumentException("trailing text at offset " + scanner.pos);
            }
            return found;
        }

        private void skipValue() {
            char c = peek();
            switch (c) {
                case '{' -> skipContainer('{', '}', true);
                case '[' -> skipContainer('[', ']', false);
                case '"' -> readString();
                default -> {
                    int start = pos;
                    while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
                        pos++;
                    }
                    if (pos == start) {
                        throw unexpected(pos);
                    }
                }
            }
        }

        private void skipContainer(char open, char close, boolean members) {
            expect(open);
            skipWhitespace();
            if (peek() == close) {
                pos++;
                return;
            }
            while (true) {
                skipWhitespace();
                if (members) {
                    readString();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                }
                skipValue();
                skipWhitespace();
                char next = next();
                if (next == close) {
                    return;
                }
                if (next != ',') {
                    throw unexpected(pos - 1);
                }
            }
        }

        private String readString() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char escaped = next();
                    if (escaped == 'u') {
                        if (pos + 4 > text.length()) {
                            throw new IllegalArgumentException("truncated \\u escape");
                        }
                        out.append((char) Integer.parseInt(text, pos, pos + 4, 16));
                        pos += 4;
                    } else {
                        out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void skipWhitespace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private void expect(char expected) {
            if (next() != expected) {
                throw unexpected(pos - 1);
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unexpected end of input");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private IllegalArgumentException unexpected(int offset) {
            return new IllegalArgumentException("unexpected '" + text.charAt(offset) + "' at offset " + offset);
        }
    }

    /** Growable primitive list: per-client latency storage without boxing every sample. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(LongList other) {
            if (size + other.size > values.length) {
                values = Arrays.copyOf(values, Math.max(size + other.size, size * 2));
            }
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
