package cn.kepu.media.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a start goes, from a JFR recording of it (issue 13 item 5, deploy/bench/startup-variants.sh with JFR=true):
 * what each Java thread was sampled doing until the instance answered ready, phase by phase, and what the JIT compiled
 * meanwhile (the compiler threads are not sampled: their share is the compilations' time).
 *
 * <pre>
 * java StartupProfile.java start.jfr READY_EPOCH_MILLIS [phase=EPOCH_MILLIS ...]
 * </pre>
 *
 * A phase mark names the phase that ENDS at that instant (e.g. {@code flyway=...} at Flyway's last line); samples
 * after the last mark and before ready fall into "until ready". Components: the innermost frame outside the JDK,
 * named by its package (a sample entirely inside the JDK is named by its leaf class). Quarkus' own step times
 * ({@code -Dquarkus.debug.print-startup-times=true}) say which recorded start-up step took the main thread's time.
 */
public final class StartupProfile {

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

    private StartupProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StartupProfile.java start.jfr READY_EPOCH_MILLIS [phase=EPOCH_MILLIS ...]");
            System.exit(2);
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
