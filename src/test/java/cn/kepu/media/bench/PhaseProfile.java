package cn.kepu.media.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The upload benchmark's per-phase profile ({@code -Dbench.phases=true}): a JDK Flight Recorder recording of the
 * service's phase events ({@code cn.kepu.media.UploadPhase}), the server's exchange parts ({@link ExchangeTimeline}),
 * every socket read (PostgreSQL, S3: how long the service waited for each store) and CPU samples, cut into the
 * windows in which the client waited for {@code startUpload} and {@code completeUpload}. Prints, per call, the median
 * over rounds of each phase, and the hottest frames inside the windows. The recording is kept in
 * {@code target/upload-phases.jfr} for {@code jfr print}/{@code jfr view}.
 */
final class PhaseProfile {

    private record Window(String call, Instant from, Instant to) {
    }

    /** The time a client waited for one call, timed by the same clock as the server's events. */
    @Name("cn.kepu.media.bench.ClientCall")
    @Label("Client call")
    @Category("kepu-bench")
    @StackTrace(false)
    static final class ClientCall extends Event {
        @Label("Call")
        String call;
    }

    private final Recording recording;

    private PhaseProfile(Recording recording) {
        this.recording = recording;
    }

    static PhaseProfile startIfAsked() {
        if (!Boolean.getBoolean("bench.phases")) {
            return new PhaseProfile(null);
        }
        Recording recording = new Recording();
        recording.enable("cn.kepu.media.UploadPhase").withThreshold(Duration.ZERO);
        recording.enable("cn.kepu.media.bench.ClientCall").withThreshold(Duration.ZERO);
        recording.enable("cn.kepu.media.bench.GraphQLExchange").withThreshold(Duration.ZERO);
        recording.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withoutStackTrace();
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
        recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1));
        recording.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1));
        recording.enable("jdk.GarbageCollection").withThreshold(Duration.ZERO);
        recording.start();
        return new PhaseProfile(recording);
    }

    /** Starts timing a call as the client waits for it; {@link ClientCall#commit()} ends it. */
    ClientCall begin(String name) {
        ClientCall call = new ClientCall();
        call.call = name;
        call.begin();
        return call;
    }

    void print() throws IOException {
        if (recording == null) {
            return;
        }
        recording.stop();
        Path file = Path.of("target", "upload-phases.jfr").toAbsolutePath();
        Files.createDirectories(file.getParent());
        recording.dump(file);
        recording.close();
        int pg = port(ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .orElse("").replace("jdbc:", ""));
        int s3 = port(ConfigProvider.getConfig().getOptionalValue("kepu.storage.endpoint", String.class).orElse(""));
        // call -> phase -> per-window total milliseconds
        Map<String, Map<String, List<Double>>> phases = new TreeMap<>(Comparator.reverseOrder());
        Map<String, Map<String, Integer>> hot = new TreeMap<>();
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<Window> windows = events.stream().filter(e -> e.getEventType().getName()
                .equals("cn.kepu.media.bench.ClientCall")).map(e -> new Window(e.getString("call"), e.getStartTime(),
                e.getEndTime())).toList();
        for (Window w : windows) {
            Map<String, Double> sums = new LinkedHashMap<>();
            Instant firstArrival = null;
            Instant lastEnd = null;
            for (RecordedEvent e : events) {
                Instant start = e.getStartTime();
                if (start.isBefore(w.from()) || start.isAfter(w.to())) {
                    continue;
                }
                double ms = e.getDuration().toNanos() / 1e6;
                switch (e.getEventType().getName()) {
                    case "cn.kepu.media.UploadPhase" -> {
                        if (w.call().equals(e.getString("call"))) {
                            sums.merge("service " + e.getString("phase"), ms, Double::sum);
                        }
                    }
                    case "cn.kepu.media.bench.GraphQLExchange" -> {
                        sums.merge(e.getString("part"), ms, Double::sum);
                        if (firstArrival == null || start.isBefore(firstArrival)) {
                            firstArrival = start;
                        }
                        if (lastEnd == null || e.getEndTime().isAfter(lastEnd)) {
                            lastEnd = e.getEndTime();
                        }
                    }
                    case "jdk.SocketRead" -> {
                        int port = e.getInt("port");
                        String store = port == pg ? "PostgreSQL" : port == s3 ? "S3" : "other :" + port;
                        String thread = e.getThread() == null ? "?" : threadKind(e.getThread().getJavaName());
                        sums.merge("waits on " + store + " (socket reads, " + thread + ")", ms, Double::sum);
                        sums.merge("round trips to " + store + " (count)", 1.0, Double::sum);
                    }
                    case "jdk.GarbageCollection" -> sums.merge("GC pauses (sum)", ms, Double::sum);
                    case "jdk.JavaMonitorEnter" -> sums.merge("blocked on monitors >= 1 ms", ms, Double::sum);
                    case "jdk.ThreadPark" -> sums.merge("parked >= 1 ms ("
                            + (e.getThread() == null ? "?" : threadKind(e.getThread().getJavaName())) + ")", ms,
                            Double::sum);
                    case "jdk.ExecutionSample" -> {
                        var stack = e.getStackTrace();
                        if (stack != null && !stack.getFrames().isEmpty()) {
                            hot.computeIfAbsent(w.call(), k -> new TreeMap<>())
                                    .merge(describe(stack.getFrames()), 1, Integer::sum);
                        }
                    }
                    default -> {
                    }
                }
            }
            if (firstArrival != null) {
                sums.put("client: send to server arrival", Duration.between(w.from(), firstArrival).toNanos() / 1e6);
                sums.put("client: response end to answer read", Duration.between(lastEnd, w.to()).toNanos() / 1e6);
            }
            sums.put("TOTAL as the client waited", Duration.between(w.from(), w.to()).toNanos() / 1e6);
            sums.forEach((phase, ms) -> phases.computeIfAbsent(w.call(), k -> new TreeMap<>())
                    .computeIfAbsent(phase, k -> new ArrayList<>()).add(ms));
        }
        System.out.printf("BENCH per-phase profile (JFR, %s; medians over the rounds, ms; a phase absent in a round"
                + " counts as missing, not 0)%n", file);
        phases.forEach((call, byPhase) -> byPhase.forEach((phase, values) -> System.out.printf(
                "BENCH   %-14s %-80s %8.2f  %s%n", call, phase, median(values),
                values.stream().map(v -> String.format("%.1f", v)).toList())));
        hot.forEach((call, frames) -> {
            System.out.printf("BENCH   CPU samples inside %s windows (5 ms period, all threads), top 15:%n", call);
            frames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                    .forEach(f -> System.out.printf("BENCH     %4d  %s%n", f.getValue(), f.getKey()));
        });
    }

    /** The top frame and the first frame of kepu-media's own code beneath it. */
    private static String describe(List<RecordedFrame> frames) {
        String top = frame(frames.get(0));
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("cn.kepu.media")) {
                return top + "  <- " + frame(f);
            }
        }
        return top;
    }

    private static String frame(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static String threadKind(String name) {
        return name == null || name.isEmpty() ? "virtual thread" : name.replaceAll("[-#]?\\d+$", "");
    }

    private static int port(String url) {
        try {
            return URI.create(url).getPort();
        } catch (IllegalArgumentException e) {
            return -2;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
