package cn.kepu.media.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The one summariser of JFR recordings for deploy/bench (run through {@code deploy/bench/jfr-summary.sh}, which picks
 * a JDK of 22 or newer, or as {@code java JfrSummary.java}); it reads the recording itself, no {@code jfr print}. A
 * frame is named {@code type.method} (overloads together). Three modes:
 *
 * <pre>
 * top     FILE.jfr [--threads REGEX] [--top N]
 * shares  FILE.jfr [--threads REGEX] [--top N] [--requests N]
 * startup FILE.jfr READY_EPOCH_MILLIS [phase=EPOCH_MILLIS ...]
 * </pre>
 *
 * <p>{@code top}: the CPU samples (jdk.ExecutionSample) of the threads whose name matches (default: all), per thread,
 * then the top frames by self samples (the method running) and by total samples (anywhere on the stack); for the
 * profiles in deploy/bench/profiles/*.md.
 *
 * <p>{@code shares}: where a service's request CPU goes (issue 13, search without the answer cache): the samples of
 * the request threads (default: executor, event loop and worker threads), each given to one part of the request by
 * its stack (the first rule of {@link #PARTS}, in order, that some frame matches), plus the inclusive share of a few
 * named methods and the hottest leaf frames. {@code --requests} divides by the requests served while recording
 * (samples per request: comparable across builds even when the machine's load differs).
 *
 * <p>{@code startup}: where a start goes (issue 13 item 5, deploy/bench/startup-variants.sh with JFR=true): what each
 * Java thread was sampled doing until the instance answered ready, phase by phase, and what the JIT compiled
 * meanwhile (the compiler threads are not sampled: their share is the compilations' time). A phase mark names the
 * phase that ENDS at that instant (e.g. {@code flyway=...} at Flyway's last line); samples after the last mark and
 * before ready fall into "until ready". Components: the innermost frame outside the JDK, named by its package (a
 * sample entirely inside the JDK is named by its leaf class). Quarkus' own step times
 * ({@code -Dquarkus.debug.print-startup-times=true}) say which recorded start-up step took the main thread's time.
 */
public final class JfrSummary {

    /** Package prefixes, first match wins, and the component they are reported as. */
    private static final String[][] COMPONENTS = {
        {"cn.kepu.", "kepu-media (the service's own code)"},
        {"org.hibernate.validator", "Hibernate Validator"},
        {"org.hibernate.", "Hibernate ORM"},
        {"io.quarkus.hibernate", "Hibernate ORM"},
        {"org.flywaydb.", "Flyway"},
        {"io.quarkus.flyway", "Flyway"},
        {"graphql.", "graphql-java"},
        {"io.smallrye.graphql", "SmallRye GraphQL"},
        {"io.quarkus.smallrye.graphql", "SmallRye GraphQL"},
        {"org.postgresql.", "pgjdbc"},
        {"io.agroal.", "Agroal pool"},
        {"io.quarkus.agroal", "Agroal pool"},
        {"org.elasticsearch.", "Elasticsearch client"},
        {"org.apache.http", "Elasticsearch client"},
        {"io.minio.", "minio-java / OkHttp"},
        {"okhttp3.", "minio-java / OkHttp"},
        {"okio.", "minio-java / OkHttp"},
        {"kotlin.", "minio-java / OkHttp"},
        {"io.netty.", "Vert.x / Netty"},
        {"io.vertx.", "Vert.x / Netty"},
        {"io.quarkus.vertx", "Vert.x / Netty"},
        {"io.quarkus.arc", "ArC (CDI)"},
        {"io.quarkus.runtime.configuration", "config"},
        {"io.smallrye.config", "config"},
        {"io.micrometer.", "Micrometer"},
        {"io.quarkus.micrometer", "Micrometer"},
        {"com.arjuna.", "Narayana (JTA)"},
        {"io.quarkus.narayana", "Narayana (JTA)"},
        {"org.jboss.logmanager", "logging"},
        {"org.jboss.logging", "logging"},
        {"io.quarkus.bootstrap", "Quarkus bootstrap (class loader)"},
        {"io.quarkus.qute", "Qute"},
        {"io.quarkiverse.quinoa", "Quinoa"},
        {"io.smallrye.health", "SmallRye Health"},
        {"io.quarkus.smallrye.health", "SmallRye Health"},
        {"io.smallrye.jwt", "SmallRye JWT"},
        {"com.fasterxml.jackson", "Jackson"},
        {"org.eclipse.yasson", "Yasson (JSON-B)"},
        {"io.quarkus.resteasy", "Quarkus REST"},
        {"org.jboss.resteasy", "Quarkus REST"},
        {"io.smallrye.mutiny", "Mutiny"},
        {"io.quarkus.", "Quarkus (other)"},
        {"io.smallrye.", "SmallRye (other)"},
    };

    private JfrSummary() {
    }

    private static final String USAGE = """
            usage: JfrSummary top     FILE.jfr [--threads REGEX] [--top N]
                   JfrSummary shares  FILE.jfr [--threads REGEX] [--top N] [--requests N]
                   JfrSummary startup FILE.jfr READY_EPOCH_MILLIS [phase=EPOCH_MILLIS ...]""";

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage();
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "top" -> top(rest);
            case "shares" -> shares(rest);
            case "startup" -> startup(rest);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println(USAGE);
        System.exit(2);
    }

    // --- top: samples per thread, top frames by self and total samples ---

    private static void top(String[] args) throws IOException {
        Options options = Options.of(args, ".", 20);
        Map<String, Integer> perThread = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (Sample sample : samples(options.file(), options.threads())) {
            samples++;
            perThread.merge(sample.thread(), 1, Integer::sum);
            self.merge(sample.frames().getFirst(), 1, Integer::sum);
            new HashSet<>(sample.frames()).forEach(frame -> total.merge(frame, 1, Integer::sum));
        }
        System.out.printf(Locale.ROOT, "%d samples in threads matching /%s/%n%nsamples per thread%n", samples,
                options.threads().pattern());
        counted(perThread, options.top(), samples);
        System.out.printf(Locale.ROOT, "%ntop %d frames by self samples%n", options.top());
        counted(self, options.top(), samples);
        System.out.printf(Locale.ROOT, "%ntop %d frames by total samples (on the stack)%n", options.top());
        counted(total, options.top(), samples);
    }

    private static void counted(Map<String, Integer> counts, int n, int whole) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> System.out.printf(Locale.ROOT, "%7d %5.1f%%  %s%n", e.getValue(),
                        100.0 * e.getValue() / whole, e.getKey()));
    }

    // --- shares: the request's parts ---

    /** Parts of a request, first match wins over the whole stack (so the more specific parts come first). */
    private static final String[][] PARTS = {
        {"highlights (Lucene highlighter, smartcn)", "cn\\.kepu\\.media\\.search\\.text\\.Highlights"},
        {"query analysis (smartcn, synonyms)",
            "cn\\.kepu\\.media\\.search\\.(text\\.(QueryAnalyser|TextAnalysis|Synonyms)|SearchText)"},
        {"Elasticsearch request building (SearchQueries, JSON)", "cn\\.kepu\\.media\\.search\\.SearchQueries"
            + "|cn\\.kepu\\.media\\.search\\.SearchService\\.(rankedBody|body|visibility|addFacets)"},
        {"Elasticsearch call (client, guard, response parse)",
            "cn\\.kepu\\.media\\.search\\.SearchIndex|org\\.elasticsearch\\.client|org\\.apache\\.http"},
        {"hydration from PostgreSQL (works, creators, topics)", "cn\\.kepu\\.media\\.works\\.(WorkService"
            + "|api\\.WorkViews|api\\.WorkGraphQL\\.(creators|topics))|cn\\.kepu\\.media\\.search\\.SearchHits"},
        {"rest of searchWorks (hits, cursors, edges, selection)",
            "cn\\.kepu\\.media\\.search\\.(SearchService|api\\.SearchGraphQL)"},
        {"request gate (rate limit, parse, document checks)", "cn\\.kepu\\.media\\.shared\\.(graphql\\."
            + "(GraphQLRequestGate|DocumentScan|DocumentCost|PublicAnswer)|ratelimit)"},
        {"query guard (depth, complexity, error codes)",
            "cn\\.kepu\\.media\\.shared\\.graphql\\.(QueryGuard\\.check|GraphQLErrorCodes)"},
        {"GraphQL response: JSON-P tree, string, HTTP write (SmallRye)", "io\\.smallrye\\.graphql\\.execution\\."
            + "(ExecutionResponse|JsonObjectResponseWriter|ExecutionService\\.notifyAndWrite)|org\\.eclipse\\.parsson"
            + "|jakarta\\.json"},
        {"SmallRye request: body to JSON-P, execution input, context", "io\\.quarkus\\.smallrye\\.graphql\\.runtime"
            + "\\.SmallRyeGraphQLExecutionHandler\\.(getJsonObjectFromBody|toJsonObject)"
            + "|io\\.smallrye\\.graphql\\.execution\\.context"},
        {"GraphQL execution (graphql-java, SmallRye)",
            "^graphql\\.|io\\.smallrye\\.graphql|io\\.quarkus\\.smallrye\\.graphql|org\\.dataloader"},
        {"Hibernate / Agroal / pgjdbc elsewhere", "org\\.hibernate|io\\.agroal|org\\.postgresql"},
        {"HTTP server (Vert.x, Netty, Quarkus HTTP)", "io\\.vertx|io\\.netty|io\\.quarkus\\.vertx"},
    };

    /** Methods whose inclusive share (on the stack) {@code shares} reports. */
    private static final String[] NAMED = {
        "cn\\.kepu\\.media\\.search\\.api\\.SearchGraphQL\\.searchWorks",
        "cn\\.kepu\\.media\\.search\\.SearchService\\.search",
        "cn\\.kepu\\.media\\.search\\.SearchIndex\\.(msearch|search)",
        "cn\\.kepu\\.media\\.works\\.api\\.WorkViews",
        "cn\\.kepu\\.media\\.works\\.api\\.WorkGraphQL\\.creators",
        "cn\\.kepu\\.media\\.works\\.api\\.WorkGraphQL\\.topics",
        "graphql\\.GraphQL\\.execute",
        "io\\.smallrye\\.graphql\\.execution\\.ExecutionService\\.execute",
        "cn\\.kepu\\.media\\.shared\\.graphql\\.GraphQLRequestGate\\.checkDocument",
        "cn\\.kepu\\.media\\.shared\\.graphql\\.QueryGuard\\$Guard\\.beginExecuteOperation",
        "com\\.fasterxml\\.jackson",
    };

    private static void shares(String[] args) throws IOException {
        Options options = Options.of(args, "executor-thread|vert\\.x-eventloop|vert\\.x-worker", 15);
        List<Map.Entry<String, Pattern>> parts = new ArrayList<>();
        for (String[] part : PARTS) {
            parts.add(Map.entry(part[0], Pattern.compile(part[1])));
        }
        List<Pattern> named = Arrays.stream(NAMED).map(Pattern::compile).toList();
        Map<String, Integer> byPart = new HashMap<>();
        Map<String, Integer> leaves = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int total = 0;
        for (Sample sample : samples(options.file(), options.threads())) {
            total++;
            String part = parts.stream()
                    .filter(p -> sample.frames().stream().anyMatch(f -> p.getValue().matcher(f).find()))
                    .map(Map.Entry::getKey).findFirst().orElse("other (JDK, GC barriers, idle)");
            byPart.merge(part, 1, Integer::sum);
            leaves.merge(sample.frames().getFirst(), 1, Integer::sum);
            for (Pattern rule : named) {
                if (sample.frames().stream().anyMatch(f -> rule.matcher(f).find())) {
                    inclusive.merge(rule.pattern(), 1, Integer::sum);
                }
            }
        }
        if (total == 0) {
            System.out.println("no samples on the request threads");
            return;
        }
        String per = options.requests() > 0
                ? String.format(Locale.ROOT, ", %.3f samples per request", (double) total / options.requests()) : "";
        System.out.printf(Locale.ROOT, "%d CPU samples on the request threads%s%n", total, per);
        System.out.printf(Locale.ROOT, "%npart of the request (first matching rule over the stack)            share%n");
        int whole = total;
        byPart.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-66s %5.1f %%%n", e.getKey(),
                        100.0 * e.getValue() / whole));
        System.out.printf(Locale.ROOT, "%ninclusive share of named frames%n");
        for (String rule : NAMED) {
            System.out.printf(Locale.ROOT, "  %-66s %5.1f %%%n", rule, 100.0 * inclusive.getOrDefault(rule, 0) / whole);
        }
        System.out.printf(Locale.ROOT, "%nhottest leaf frames (self), top %d%n", options.top());
        leaves.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(options.top()).forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n",
                        100.0 * e.getValue() / whole, e.getKey().substring(0, Math.min(140, e.getKey().length()))));
    }

    // --- what top and shares read ---

    private record Options(Path file, Pattern threads, int top, int requests) {

        static Options of(String[] args, String threads, int top) {
            Path file = Path.of(args[0]);
            int requests = 0;
            for (int i = 1; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    usage();
                }
                switch (args[i]) {
                    case "--threads" -> threads = args[++i];
                    case "--top" -> top = Integer.parseInt(args[++i]);
                    case "--requests" -> requests = Integer.parseInt(args[++i]);
                    default -> usage();
                }
            }
            return new Options(file, Pattern.compile(threads), top, requests);
        }
    }

    /** One CPU sample: the thread's name and its frames ({@code type.method}), innermost first. */
    private record Sample(String thread, List<String> frames) {
    }

    private static List<Sample> samples(Path file, Pattern threads) throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                var thread = event.getThread("sampledThread");
                String name = thread == null ? "" : thread.getJavaName() != null ? thread.getJavaName()
                        : thread.getOSName();
                if (stack == null || stack.getFrames().isEmpty() || !threads.matcher(name).find()) {
                    continue;
                }
                samples.add(new Sample(name, stack.getFrames().stream().map(f -> name(f.getMethod())).toList()));
            }
        }
        return samples;
    }

    // --- startup: a start until ready ---

    private static void startup(String[] args) throws IOException {
        if (args.length < 2) {
            usage();
        }
        Path file = Path.of(args[0]);
        Instant ready = Instant.ofEpochMilli(Long.parseLong(args[1]));
        Map<String, Instant> phaseEnds = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] mark = args[i].split("=", 2);
            phaseEnds.put(mark[0], Instant.ofEpochMilli(Long.parseLong(mark[1])));
        }
        phaseEnds.put("until ready", ready);

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Instant jvmStart = events.stream().filter(e -> e.getEventType().getName().equals("jdk.JVMInformation"))
                .map(e -> e.getInstant("jvmStartTime")).findFirst().orElse(null);
        Map<String, Integer> byThread = new TreeMap<>();
        Map<String, Map<String, Integer>> mainByPhase = new LinkedHashMap<>();
        phaseEnds.keySet().forEach(phase -> mainByPhase.put(phase, new HashMap<>()));
        Map<String, Integer> allComponents = new HashMap<>();
        Map<String, Integer> selfFrames = new HashMap<>();
        int samples = 0;
        int classLoading = 0;
        int classInit = 0;
        Duration[] compile = {Duration.ZERO, Duration.ZERO};
        int[] compiles = {0, 0};
        Map<String, Duration> c2Methods = new HashMap<>();
        Duration gcPauses = Duration.ZERO;
        int gcs = 0;
        long loadedClasses = -1;
        for (RecordedEvent event : events) {
            if (event.getStartTime().isAfter(ready)) {
                continue;
            }
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    String thread = threadName(event);
                    byThread.merge(thread, 1, Integer::sum);
                    String component = component(stack);
                    allComponents.merge(component, 1, Integer::sum);
                    selfFrames.merge(name(stack.getFrames().getFirst().getMethod()), 1, Integer::sum);
                    if (onStack(stack, "java.lang.ClassLoader", "loadClass", "defineClass")
                            || onStack(stack, "io.quarkus.bootstrap.runner.RunnerClassLoader", "loadClass")) {
                        classLoading++;
                    }
                    if (onStack(stack, null, "<clinit>")) {
                        classInit++;
                    }
                    if (thread.equals("main")) {
                        String phase = phaseOf(event.getStartTime(), phaseEnds);
                        mainByPhase.get(phase).merge(component, 1, Integer::sum);
                    }
                }
                case "jdk.Compilation" -> {
                    int tier = event.getInt("compileLevel") == 4 ? 1 : 0;
                    compile[tier] = compile[tier].plus(event.getDuration());
                    compiles[tier]++;
                    if (tier == 1) {
                        c2Methods.merge(name(event.getValue("method")), event.getDuration(), Duration::plus);
                    }
                }
                case "jdk.GarbageCollection" -> {
                    gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
                    gcs++;
                }
                case "jdk.ClassLoadingStatistics" -> loadedClasses = event.getLong("loadedClassCount");
                default -> {
                }
            }
        }

        System.out.printf(Locale.ROOT, "recording: %s%n", file);
        if (jvmStart != null) {
            System.out.printf(Locale.ROOT, "JVM start to ready: %d ms; phase ends after JVM start:", Duration
                    .between(jvmStart, ready).toMillis());
            phaseEnds.forEach((phase, end) -> System.out.printf(Locale.ROOT, " %s %d ms,", phase,
                    Duration.between(jvmStart, end).toMillis()));
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "Java-thread samples until ready: %d (with class loading on the stack %d, %s;"
                + " in a static initialiser %d, %s)%n", samples, classLoading, share(classLoading, samples),
                classInit, share(classInit, samples));
        System.out.println("samples by thread: " + top(byThread, 12, samples));
        System.out.printf(Locale.ROOT, "JIT until ready: C2 %d compilations, %d ms; C1 %d compilations, %d ms"
                + " (compiler threads, not in the samples)%n", compiles[1], compile[1].toMillis(), compiles[0],
                compile[0].toMillis());
        System.out.println("longest C2 compilations (ms): " + topDurations(c2Methods, 10));
        System.out.printf(Locale.ROOT, "GC until ready: %d collections, %d ms of pauses; classes loaded: %d%n", gcs,
                gcPauses.toMillis(), loadedClasses);
        System.out.println();
        System.out.println("all Java threads, by component (innermost frame outside the JDK):");
        print(allComponents, 18, samples);
        System.out.println();
        for (var phase : mainByPhase.entrySet()) {
            int inPhase = phase.getValue().values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(Locale.ROOT, "%nmain thread in phase '%s' (%d samples):%n", phase.getKey(), inPhase);
            print(phase.getValue(), 8, inPhase);
        }
        System.out.println();
        System.out.println("top self frames, all Java threads:");
        print(selfFrames, 15, samples);
    }

    private static String threadName(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        if (thread == null) {
            return "?";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        // Numbered pool threads are one kind: "executor-thread-3" -> "executor-thread-*".
        return name.replaceAll("[-#]\\d+$", "-*").replaceAll("-\\d+-", "-*-");
    }

    private static String component(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("com.sun.")) {
                continue;
            }
            for (String[] component : COMPONENTS) {
                if (type.startsWith(component[0])) {
                    return component[1];
                }
            }
            int dot = type.lastIndexOf('.');
            return dot > 0 ? type.substring(0, dot) : type;
        }
        String leaf = stack.getFrames().getFirst().getMethod().getType().getName();
        return "JDK: " + leaf.substring(0, Math.max(0, leaf.lastIndexOf('.')));
    }

    private static boolean onStack(RecordedStackTrace stack, String type, String... methods) {
        for (RecordedFrame frame : stack.getFrames()) {
            RecordedMethod method = frame.getMethod();
            if (type != null && !method.getType().getName().equals(type)) {
                continue;
            }
            for (String name : methods) {
                if (method.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String phaseOf(Instant at, Map<String, Instant> phaseEnds) {
        for (var phase : phaseEnds.entrySet()) {
            if (!at.isAfter(phase.getValue())) {
                return phase.getKey();
            }
        }
        return "until ready";
    }

    private static String name(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private static String share(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    private static String top(Map<String, Integer> counts, int n, int whole) {
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> parts.add(e.getKey() + " " + e.getValue() + " (" + share(e.getValue(), whole) + ")"));
        return String.join(", ", parts);
    }

    private static String topDurations(Map<String, Duration> durations, int n) {
        List<String> parts = new ArrayList<>();
        durations.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(n)
                .forEach(e -> parts.add(e.getKey() + " " + e.getValue().toMillis()));
        return String.join(", ", parts);
    }

    private static void print(Map<String, Integer> counts, int n, int whole) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5d  %5s  %s%n", e.getValue(),
                        share(e.getValue(), whole), e.getKey()));
    }
}
