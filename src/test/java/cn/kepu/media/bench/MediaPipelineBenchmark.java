package cn.kepu.media.bench;

import cn.kepu.media.media.ImageRenderer;
import cn.kepu.media.media.PerceptualHash;
import cn.kepu.media.media.VideoRenderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/**
 * Prints BENCH lines (run by deploy/bench/media-pipeline.sh, skipped in the normal suite): the preview transcode of a
 * 60 s 1080p H.264/AAC clip with the service's exact arguments, against a decode-only pass over the same file in the
 * same run (the floor any transcode pays); and the perceptual hash per image, against rendering the 1280 px preview it
 * runs on.
 */
class MediaPipelineBenchmark {

    @Test
    void measure() throws Exception {
        if (!Boolean.getBoolean("bench.media")) {
            return;
        }
        int seconds = Integer.getInteger("bench.seconds", 60);
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Path dir = Files.createTempDirectory("kepu-bench");
        try {
            Path clip = dir.resolve("clip.mp4");
            run(ffmpeg, List.of("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=" + seconds,
                    "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:v", "libx264", "-preset",
                    "veryfast", "-crf", "20", "-c:a", "aac", "-shortest", clip.toString()));
            double decode = run(ffmpeg, List.of("-threads", "2", "-i", clip.toString(), "-f", "null", "-"));
            Path out = dir.resolve("preview.mp4");
            List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-y", "-loglevel", "error"));
            args.addAll(VideoRenderer.previewArgs(clip.toString(), out, 2, 35_389_440));
            double transcode = run(ffmpeg, args);
            System.out.printf(Locale.ROOT, "BENCH video preview: %d s 1080p30 H.264/AAC -> <=720p H.264/AAC MP4 in"
                    + " %.1f s (%.2fx real time, %d KB); decode-only floor %.1f s (%.1fx of it)%n", seconds,
                    transcode, seconds / transcode, Files.size(out) / 1024, decode, transcode / decode);

            ImageRenderer renderer = new ImageRenderer(new cn.kepu.media.media.RasterBudget(48L << 20,
                    java.time.Duration.ofMinutes(1)));
            List<Path> originals = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                originals.add(jpeg(ffmpeg, dir, i));
            }
            List<BufferedImage> previews = new ArrayList<>();
            long renderStart = System.nanoTime();
            for (Path original : originals) {
                previews.add(renderer.render(original, "image/jpeg", 1280, null, null).pixels());
            }
            double renderMs = (System.nanoTime() - renderStart) / 1e6 / originals.size();
            for (BufferedImage p : previews) {
                PerceptualHash.variants(p); // warm-up
            }
            int rounds = 5;
            long hashStart = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (BufferedImage p : previews) {
                    PerceptualHash.variants(p);
                }
            }
            double hashMs = (System.nanoTime() - hashStart) / 1e6 / (rounds * previews.size());
            System.out.printf(Locale.ROOT, "BENCH perceptual hash: %.1f ms per image (3 crop variants of the 1280 px"
                    + " preview); rendering that preview from a 12 MP JPEG %.1f ms (hash = %.0f %% of it)%n", hashMs,
                    renderMs, 100 * hashMs / renderMs);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path jpeg(String ffmpeg, Path dir, int i) throws Exception {
        Path file = dir.resolve("photo" + i + ".jpg");
        run(ffmpeg, List.of("-f", "lavfi", "-i", "testsrc2=size=4000x3000:rate=1", "-ss", Integer.toString(i),
                "-frames:v", "1", "-q:v", "3", file.toString()));
        byte[] bytes = Files.readAllBytes(file);
        if (ImageIO.read(new ByteArrayInputStream(bytes)) == null) {
            throw new IllegalStateException("not a JPEG");
        }
        return file;
    }

    /** Runs ffmpeg and returns the wall-clock seconds it took. */
    private static double run(String ffmpeg, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-y", "-loglevel",
                "error"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
        long start = System.nanoTime();
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + ": " + log);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
