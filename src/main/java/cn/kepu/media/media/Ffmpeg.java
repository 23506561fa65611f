package cn.kepu.media.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.bytedeco.javacpp.Loader;
import org.jboss.logging.Logger;

/**
 * The ffmpeg and ffprobe executables, and running them with a hard time limit.
 *
 * <p>They come from {@code org.bytedeco:ffmpeg} (classifier {@code linux-x86_64-gpl}) on the class path: JavaCPP's
 * {@link Loader} extracts them with their shared libraries into its cache (~/.javacpp/cache) on first use, so every
 * machine that runs the jar has the same ffmpeg 8.1 with libx264, libvpx and AAC/Opus, without root or a system
 * package. {@code kepu.media.ffmpeg.directory} points at another build (both executables in one directory) instead.
 *
 * <p>Every run has a deadline: when it passes, the process and its children are killed and the caller gets a
 * {@link Timeout}, so a hostile file can hold a worker for at most that long.
 */
@ApplicationScoped
public class Ffmpeg {

    private static final Logger LOG = Logger.getLogger(Ffmpeg.class);
    private static final int LOG_TAIL = 2000;

    /** A run that failed: non-zero exit, with the tail of ffmpeg's own error output. */
    public static class Failure extends IOException {
        Failure(String message) {
            super(message);
        }
    }

    /** A run killed at its deadline. */
    public static class Timeout extends Failure {
        Timeout(String message) {
            super(message);
        }
    }

    private final MediaConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private volatile Path ffmpeg;
    private volatile Path ffprobe;

    public Ffmpeg(MediaConfig config) {
        this.config = config;
    }

    public Path ffmpeg() {
        locate();
        return ffmpeg;
    }

    public Path ffprobe() {
        locate();
        return ffprobe;
    }

    /** Lazily, so start-up pays nothing: extracting takes a few seconds the first time on a machine. */
    private synchronized void locate() {
        if (ffmpeg != null) {
            return;
        }
        Optional<String> dir = config.ffmpeg().directory();
        if (dir.isPresent()) {
            ffmpeg = Path.of(dir.get(), "ffmpeg");
            ffprobe = Path.of(dir.get(), "ffprobe");
        } else {
            long started = System.nanoTime();
            ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
            ffprobe = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
            LOG.infof("ffmpeg extracted from the class path to %s in %d ms", ffmpeg.getParent(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        if (!Files.isExecutable(ffmpeg) || !Files.isExecutable(ffprobe)) {
            throw new IllegalStateException("ffmpeg/ffprobe not executable in " + ffmpeg.getParent());
        }
    }

    /** ffprobe's JSON (format and streams) for a file or URL. */
    public JsonNode probe(String input, Duration limit) throws IOException {
        List<String> command = List.of(ffprobe().toString(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", "-i", input);
        Result result = run(command, limit, null);
        return json.readTree(result.stdout());
    }

    /**
     * Runs ffmpeg with the given arguments (after the common ones) until it exits or {@code limit} passes.
     *
     * @param progress called with the output position in microseconds while it advances, or null
     */
    public void transcode(List<String> args, Duration limit, LongConsumer progress) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ffmpeg().toString());
        command.addAll(List.of("-nostdin", "-hide_banner", "-y", "-loglevel", "error", "-nostats"));
        if (progress != null) {
            command.addAll(List.of("-progress", "pipe:1"));
        }
        command.addAll(args);
        run(command, limit, progress);
    }

    /** Runs ffmpeg and returns what it wrote to standard output (e.g. raw frames); {@code -loglevel error} added. */
    public byte[] capture(List<String> args, Duration limit) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ffmpeg().toString());
        command.addAll(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats"));
        command.addAll(args);
        return run(command, limit, null).stdoutBytes();
    }

    private record Result(byte[] stdoutBytes, String log) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }
    }

    private Result run(List<String> command, Duration limit, LongConsumer progress)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // The extracted libraries (libva, libdrm…) are found next to the executables.
        Map<String, String> env = builder.environment();
        String libs = command.getFirst().substring(0, command.getFirst().lastIndexOf('/'));
        env.put("LD_LIBRARY_PATH", libs + (env.containsKey("LD_LIBRARY_PATH") ? ":" + env.get("LD_LIBRARY_PATH") : ""));
        Process process = builder.start();
        StringBuilder log = new StringBuilder();
        Thread errors = Thread.ofVirtual().start(() -> drainTail(process.getErrorStream(), log));
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                if (progress == null) {
                    out[0] = in.readAllBytes();
                } else {
                    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("out_time_us=")) {
                            try {
                                progress.accept(Long.parseLong(line.substring(12).strip()));
                            } catch (NumberFormatException e) {
                                // "N/A" before the first frame
                            }
                        }
                    }
                    out[0] = new byte[0];
                }
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new Timeout("stopped after the time limit of " + limit.toSeconds() + " s");
            }
            reader.join(Duration.ofSeconds(5));
            errors.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            String tail;
            synchronized (log) {
                tail = log.toString().strip();
            }
            throw new Failure(tail.isEmpty() ? "exit code " + process.exitValue() : summary(tail));
        }
        return new Result(out[0] == null ? new byte[0] : out[0], log.toString());
    }

    /**
     * The line of ffmpeg's error output that says why, without its "[component @ 0x…]" prefixes: the last one that
     * is not thread bookkeeping.
     */
    static String summary(String log) {
        List<String> lines = log.lines().map(l -> l.replaceAll("\\[[^\\]]*@ 0x[0-9a-f]+\\] ?", "").strip())
                .filter(l -> !l.isEmpty() && !l.startsWith("Terminating thread") && !l.startsWith("Task finished"))
                .toList();
        String why = lines.stream().filter(l -> l.contains("Invalid data") || l.contains("Decod")
                || l.contains("not found") || l.contains("Error opening") || l.contains("exceeds"))
                .reduce((a, b) -> b).orElse(lines.isEmpty() ? "ffmpeg failed" : lines.getLast());
        return why.length() > 300 ? why.substring(0, 300) : why;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the last part of the error output: enough to say why, bounded whatever the file makes ffmpeg print. */
    private static void drainTail(InputStream in, StringBuilder tail) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (tail) {
                    tail.append(line).append('\n');
                    if (tail.length() > LOG_TAIL) {
                        tail.delete(0, tail.length() - LOG_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed
        }
    }
}
