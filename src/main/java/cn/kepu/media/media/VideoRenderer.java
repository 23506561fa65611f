package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Video renditions through ffmpeg, an optional dependency: present in the production image (deploy/docker), absent
 * on machines without it, where video renditions are SKIPPED with a status that says so. ffmpeg reads the original
 * through a short-lived presigned URL, so only the frames it needs cross the network.
 */
@ApplicationScoped
public class VideoRenderer {

    private final Optional<Path> ffmpeg = findOnPath("ffmpeg");

    public boolean available() {
        return ffmpeg.isPresent();
    }

    /** A JPEG frame one second in (or the first frame of a shorter video), at most {@code longSide} wide or high. */
    public byte[] poster(String sourceUrl, int longSide) throws IOException {
        return run(".jpg", List.of("-ss", "1", "-i", sourceUrl, "-frames:v", "1", "-vf", scale(longSide),
                "-map_metadata", "-1", "-f", "image2"));
    }

    /** A silent H.264 clip of the first ten seconds, for previews in the judging and moderation views. */
    public byte[] preview(String sourceUrl, int longSide) throws IOException {
        return run(".mp4", List.of("-t", "10", "-i", sourceUrl, "-vf", scale(longSide), "-an", "-c:v", "libx264",
                "-preset", "veryfast", "-crf", "28", "-map_metadata", "-1", "-movflags", "+faststart"));
    }

    private static String scale(int longSide) {
        return "scale='if(gt(iw,ih),min(" + longSide + ",iw),-2)':'if(gt(iw,ih),-2,min(" + longSide + ",ih))'";
    }

    private byte[] run(String suffix, List<String> args) throws IOException {
        Path out = Files.createTempFile("kepu-rendition", suffix);
        try {
            List<String> command = new ArrayList<>();
            command.add(ffmpeg.orElseThrow(() -> new IOException("ffmpeg is not installed")).toString());
            command.addAll(List.of("-nostdin", "-y", "-loglevel", "error"));
            command.addAll(args);
            command.add(out.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("ffmpeg timed out");
            }
            if (process.exitValue() != 0) {
                throw new IOException("ffmpeg failed: " + log.strip());
            }
            return Files.readAllBytes(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
