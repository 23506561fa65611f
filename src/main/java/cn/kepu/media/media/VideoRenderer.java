package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Video renditions through {@link Ffmpeg}, reading the original through a short-lived presigned URL (only the bytes
 * ffmpeg needs cross the network). Outputs carry nothing of the original but pictures and sound: global, stream and
 * chapter metadata are dropped, muxers and encoders run bit-exact (no "Lavf"/"Lavc" tags), and x264's SEI message
 * (its version and options) is removed from the stream.
 */
@ApplicationScoped
public class VideoRenderer {

    private final Ffmpeg ffmpeg;
    private final MediaConfig config;

    public VideoRenderer(Ffmpeg ffmpeg, MediaConfig config) {
        this.ffmpeg = ffmpeg;
        this.config = config;
    }

    /**
     * One frame as PNG, upright (ffmpeg applies the display matrix), at most {@code longSide} wide or high.
     *
     * @param atSeconds where to take it; clamped by the caller to the video's duration
     */
    public byte[] frame(String sourceUrl, double atSeconds, int longSide) throws IOException {
        List<String> args = new ArrayList<>(input(sourceUrl, atSeconds, config.ffmpeg().threads(),
                config.videos().maxPixels()));
        args.addAll(List.of("-frames:v", "1", "-an", "-sn", "-dn", "-vf", fit(longSide, longSide) + ",format=rgb24",
                "-map_metadata", "-1", "-c:v", "png", "-f", "image2pipe", "pipe:1"));
        byte[] png = ffmpeg.capture(args, config.renditions().frameTimeLimit());
        if (png.length == 0) {
            throw new Ffmpeg.Failure("no frame could be decoded at " + atSeconds + " s");
        }
        return png;
    }

    /**
     * The whole video as H.264 (High, yuv420p) with AAC stereo sound in an MP4 whose index comes first (playback
     * starts before the download ends), at most 1280 × 720 (720 × 1280 upright), never upscaled.
     *
     * @param percent told how far the transcode is, 0..99, as it advances
     */
    public void preview(String sourceUrl, Path out, double durationSeconds, IntConsumer percent) throws IOException {
        double total = Math.max(durationSeconds, 0.001) * 1_000_000;
        ffmpeg.transcode(previewArgs(sourceUrl, out, config.ffmpeg().threads(), config.videos().maxPixels()),
                config.renditions().videoTimeLimit(),
                micros -> percent.accept((int) Math.max(0, Math.min(99, micros * 100 / total))));
    }

    /** The preview transcode's arguments (also run by the pipeline benchmark). */
    public static List<String> previewArgs(String sourceUrl, Path out, int threads, long maxPixels) {
        List<String> args = new ArrayList<>(input(sourceUrl, 0, threads, maxPixels));
        args.addAll(List.of(
                "-map", "0:v:0", "-map", "0:a:0?", "-sn", "-dn",
                "-vf", fit(1280, 720) + ",format=yuv420p",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-profile:v", "high",
                "-bsf:v", "filter_units=remove_types=6",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                "-threads", Integer.toString(threads),
                "-map_metadata", "-1", "-map_chapters", "-1",
                // The CLI would name the encoder ("Lavc libx264") in each track's sample description.
                "-metadata:s:v:0", "encoder=", "-metadata:s:a:0", "encoder=",
                "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
                "-movflags", "+faststart", "-f", "mp4", out.toString()));
        return args;
    }

    /** Input options: bounded network stalls and frame sizes, then the input itself. */
    private static List<String> input(String sourceUrl, double atSeconds, int threads, long maxPixels) {
        List<String> args = new ArrayList<>();
        if (sourceUrl.startsWith("http")) {
            args.addAll(List.of("-rw_timeout", "30000000"));
        }
        // The decoder refuses frames above the limit instead of allocating them (a header can claim anything).
        args.addAll(List.of("-max_pixels", Long.toString(maxPixels)));
        if (atSeconds > 0) {
            args.addAll(List.of("-ss", String.format(Locale.ROOT, "%.3f", atSeconds)));
        }
        args.addAll(List.of("-threads", Integer.toString(threads), "-i", sourceUrl));
        return args;
    }

    /**
     * Fits the picture inside {@code longSide × shortSide} (turned for portrait videos), keeping its aspect, never
     * upscaling, with even dimensions as H.264 needs.
     */
    static String fit(int longSide, int shortSide) {
        String w = "min(iw\\,if(gte(iw\\,ih)\\," + longSide + "\\," + shortSide + "))";
        String h = "min(ih\\,if(gte(iw\\,ih)\\," + shortSide + "\\," + longSide + "))";
        return "scale=w='" + w + "':h='" + h + "':force_original_aspect_ratio=decrease:force_divisible_by=2";
    }
}
