package cn.kepu.media.media;

import static cn.kepu.media.media.MediaUploadTest.awaitRenditions;
import static cn.kepu.media.media.MediaUploadTest.complete;
import static cn.kepu.media.media.MediaUploadTest.createWork;
import static cn.kepu.media.media.MediaUploadTest.get;
import static cn.kepu.media.media.MediaUploadTest.put;
import static cn.kepu.media.media.MediaUploadTest.start;
import static cn.kepu.media.media.MediaUploadTest.uploadAndComplete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Uploads;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Real clips made by ffmpeg in the test (MP4, MOV, WebM), uploaded as a client would, probed and transcoded for real
 * by the ffmpeg the project ships; hostile and corrupt videos fail with a reason and within the time limit.
 */
@QuarkusTest
class VideoPipelineTest {

    @Inject
    Ffmpeg ffmpeg;

    @ParameterizedTest
    @CsvSource({"mp4, video/mp4, h264, aac", "mov, video/quicktime, h264, aac", "webm, video/webm, vp9, opus"})
    void eachContainerGetsFactsPosterThumbnailAndAWebPlayablePreview(String container, String type, String video,
            String audio) throws Exception {
        String work = createWork("entrant1", "SHORT_VIDEO");
        byte[] clip = MediaFixtures.clip(container, 1920, 1080, 3);
        Map<String, Object> asset = uploadAndComplete("entrant1", work, "作品." + container, type, clip).ok()
                .data("uploadSession.asset");
        assertThat(asset).containsEntry("mimeType", type).containsEntry("width", 1920).containsEntry("height", 1080)
                .containsEntry("videoCodec", video).containsEntry("audioCodec", audio).containsEntry("rotation", 0);
        assertThat(((Number) asset.get("durationSeconds")).doubleValue()).isCloseTo(3.0, offset(0.1));
        assertThat(((Number) asset.get("frameRate")).doubleValue()).isEqualTo(25.0);
        assertThat(((Number) asset.get("bitrateBps")).longValue()).isPositive();

        List<Map<String, Object>> renditions = awaitRenditions("entrant1", work, 0);
        assertThat(renditions).as(container).extracting(r -> r.get("kind") + " " + r.get("status") + " "
                + r.get("message")).containsExactlyInAnyOrder("POSTER READY null", "THUMBNAIL READY null",
                        "PREVIEW READY null");

        var poster = ImageIO.read(new ByteArrayInputStream(download(asset, "POSTER")));
        assertThat(poster.getWidth()).isEqualTo(1280);
        assertThat(poster.getHeight()).isEqualTo(720);
        var thumbnail = ImageIO.read(new ByteArrayInputStream(download(asset, "THUMBNAIL")));
        assertThat(thumbnail.getWidth()).isEqualTo(320);

        byte[] preview = download(asset, "PREVIEW");
        JsonNode probed = probe(preview);
        JsonNode v = stream(probed, "video");
        assertThat(v.path("codec_name").asText()).isEqualTo("h264");
        assertThat(v.path("pix_fmt").asText()).isEqualTo("yuv420p");
        assertThat(v.path("width").asInt()).isEqualTo(1280);
        assertThat(v.path("height").asInt()).isEqualTo(720);
        assertThat(stream(probed, "audio").path("codec_name").asText()).isEqualTo("aac");
        assertThat(probed.path("format").path("duration").asDouble()).isCloseTo(3.0, offset(0.2));
        // faststart: the index (moov) comes before the media data, so playback starts before the download ends.
        String text = new String(preview, StandardCharsets.ISO_8859_1);
        assertThat(text.indexOf("moov")).isPositive().isLessThan(text.indexOf("mdat"));
        // Nothing of the original's metadata, and no encoder tags.
        assertThat(probed.path("format").path("tags").has("title")).isFalse();
        assertThat(text).doesNotContain("secret-title").doesNotContain("+39.9042").doesNotContain("Lavf")
                .doesNotContain("Lavc").doesNotContain("x264")
                .doesNotContain(new String("张三".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));

        var progress = GraphQL.as("entrant1").run("""
                query($id: ID!) { work(id: $id) { media { renditions { kind progress } } } }""",
                Map.of("id", work)).ok();
        assertThat(progress.<List<Integer>>data("work.media[0].renditions.progress")).containsOnly(100);
    }

    @Test
    void aRotatedPhoneVideoIsMeasuredAsDisplayedAndPreviewedUpright() throws Exception {
        byte[] landscape = MediaFixtures.clip("mp4", 640, 360, 2);
        Path in = Files.createTempFile("landscape", ".mp4");
        Files.write(in, landscape);
        byte[] rotated;
        try {
            rotated = MediaFixtures.ffmpeg("mp4", "-display_rotation", "90", "-i", in.toString(), "-c", "copy");
        } finally {
            Files.deleteIfExists(in);
        }
        String work = createWork("entrant1", "SHORT_VIDEO");
        Map<String, Object> asset = uploadAndComplete("entrant1", work, "phone.mp4", "video/mp4", rotated).ok()
                .data("uploadSession.asset");
        assertThat(asset).containsEntry("width", 360).containsEntry("height", 640).containsEntry("rotation", 270);
        awaitRenditions("entrant1", work, 0);
        var poster = ImageIO.read(new ByteArrayInputStream(download(asset, "POSTER")));
        assertThat(poster.getHeight()).isGreaterThan(poster.getWidth());
        JsonNode v = stream(probe(download(asset, "PREVIEW")), "video");
        assertThat(v.path("height").asInt()).isGreaterThan(v.path("width").asInt());
    }

    @Test
    void hostileVideosAreRefusedAtUploadWithTheirReason() {
        String work = createWork("entrant1", "SHORT_VIDEO");
        byte[] webm = MediaFixtures.clip("webm", 320, 240, 1);
        // Cut off: the Segment announces more bytes than the file has.
        assertRejected(work, "cut.webm", "video/webm", Arrays.copyOf(webm, webm.length * 2 / 3), "TRUNCATED");
        // A valid EBML header followed by garbage.
        byte[] garbage = Arrays.copyOf(webm, webm.length);
        byte[] noise = new byte[garbage.length - 64];
        new java.util.Random(7).nextBytes(noise);
        System.arraycopy(noise, 0, garbage, 64, noise.length);
        assertRejected(work, "noise.webm", "video/webm", garbage, "UNREADABLE");
        // Matroska that is not WebM.
        byte[] mkv = MediaFixtures.ffmpeg("mkv", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1",
                "-c:v", "libx264", "-preset", "ultrafast", "-f", "matroska");
        assertRejected(work, "clip.webm", "video/webm", mkv, "TYPE_NOT_ALLOWED");
        // A frame size a header can claim but no worker should decode (10000 × 10000).
        byte[] huge = MediaFixtures.ffmpeg("mov", "-f", "lavfi", "-i", "color=c=blue:size=10000x10000:rate=1",
                "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "31", "-f", "mov");
        assertRejected(work, "huge.mov", "video/quicktime", huge, "TOO_MANY_PIXELS");
        // Random bytes behind a valid ftyp box.
        byte[] mp4 = MediaFixtures.clip("mp4", 320, 240, 1);
        byte[] fake = Arrays.copyOf(mp4, mp4.length);
        int ftyp = ByteBuffer.wrap(mp4, 0, 4).getInt();
        byte[] rest = new byte[mp4.length - ftyp];
        new java.util.Random(3).nextBytes(rest);
        System.arraycopy(rest, 0, fake, ftyp, rest.length);
        assertRejected(work, "fake.mp4", "video/mp4", fake, null);
    }

    @Test
    void aVideoWhosePicturesAreCorruptFailsWithAReasonInsteadOfRetryingForever() {
        byte[] mp4 = MediaFixtures.clip("mp4", 640, 360, 2);
        String text = new String(mp4, StandardCharsets.ISO_8859_1);
        int mdat = text.indexOf("mdat") - 4;
        int size = ByteBuffer.wrap(mp4, mdat, 4).getInt();
        byte[] noise = new byte[size - 8];
        new java.util.Random(11).nextBytes(noise);
        System.arraycopy(noise, 0, mp4, mdat + 8, noise.length);

        String work = createWork("entrant1", "SHORT_VIDEO");
        uploadAndComplete("entrant1", work, "broken.mp4", "video/mp4", mp4).ok();
        List<Map<String, Object>> renditions = awaitRenditions("entrant1", work, 0);
        assertThat(renditions).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("FAILED");
            // In the reader's language (Chinese by default), without the tool's English or the input's URL.
            assertThat((String) r.get("message")).startsWith("无法转换该视频")
                    .doesNotContain("http").doesNotContain(work);
            assertThat(cn.kepu.media.testsupport.Languages.ENGLISH_WORDS.matcher((String) r.get("message")).find()).isFalse();
        });
        List<String> english = GraphQL.as("entrant1").acceptLanguage("en").run(
                "query($id: ID!) { work(id: $id) { media { renditions { message } } } }", Map.of("id", work)).ok()
                .data("work.media[0].renditions.message");
        assertThat(english).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith("the video cannot be converted")
                .doesNotContainPattern("\\p{IsHan}"));
    }

    @Test
    void aRunPastItsTimeLimitIsKilledAndSaysSo() throws Exception {
        Path out = Files.createTempFile("endless", ".mp4");
        try {
            long started = System.nanoTime();
            // -re reads the (endless) input in real time: without the limit this would never end.
            assertThatThrownBy(() -> ffmpeg.transcode(List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=320x240",
                    "-c:v", "libx264", "-preset", "ultrafast", "-f", "mp4", out.toString()), Duration.ofSeconds(2),
                    us -> { })).isInstanceOf(Ffmpeg.Timeout.class).hasMessageContaining("time limit");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("")
                    .endsWith("ffmpeg")).filter(ProcessHandle::isAlive).toList()).isEmpty();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    // --- helpers ---

    private void assertRejected(String work, String name, String type, byte[] bytes, String reason) {
        var session = start("entrant1", work, name, type, bytes).ok();
        assertThat(put(session.string("startUpload.url"), bytes)).isEqualTo(200);
        String id = session.string("startUpload.id");
        assertThat(complete("entrant1", id).ok().string("completeUpload.status")).as(name).isEqualTo("VERIFYING");
        var verdict = Uploads.awaitVerdict(GraphQL.as("entrant1"), id, "");
        assertThat(verdict.string("uploadSession.status")).as(name).isEqualTo("REJECTED");
        assertThat(verdict.string("uploadSession.rejection")).as(name)
                .matches(reason != null ? reason : "UNREADABLE|TRUNCATED");
        String message = verdict.string("uploadSession.rejectionMessage");
        assertThat(message).as(name).isNotBlank().doesNotContain("http");
        // Issue 8 item 11: the Chinese message carries no English sentence (the detail included).
        assertThat(cn.kepu.media.testsupport.Languages.ENGLISH_WORDS.matcher(message).find())
                .as(name + ": " + message).isFalse();
    }

    private static byte[] download(Map<String, Object> asset, String kind) throws Exception {
        var link = GraphQL.as("entrant1").run("""
                mutation($id: ID!, $kind: RenditionKind) { downloadUrl(assetId: $id, rendition: $kind) { url } }""",
                Map.of("id", asset.get("id"), "kind", kind)).ok();
        var got = get(link.string("downloadUrl.url"));
        assertThat(got.statusCode()).isEqualTo(200);
        return got.body();
    }

    private JsonNode probe(byte[] bytes) throws Exception {
        Path file = Files.createTempFile("probe", ".bin");
        try {
            Files.write(file, bytes);
            return ffmpeg.probe(file.toString(), Duration.ofSeconds(30));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static JsonNode stream(JsonNode probed, String type) {
        for (JsonNode s : probed.path("streams")) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        throw new AssertionError("no " + type + " stream in " + probed);
    }
}
