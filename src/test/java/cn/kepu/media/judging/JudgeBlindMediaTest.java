package cn.kepu.media.judging;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.media.MediaFixtures;
import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Uploads;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;

/**
 * A judge gets viewable previews of an image entry and a video entry, and nothing a judge can receive — URLs, response
 * headers, bytes, the jury ZIP — carries the entrant's identity, ids, file names, GPS position or camera serial.
 */
@QuarkusTest
class JudgeBlindMediaTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SERIAL = "SN-BODY-424242";
    private static final String ARTIST = "李四画家";

    @Test
    void aJudgeSeesPreviewsOfImageAndVideoEntriesWithNoIdentityInAnyByteOrHeader() throws Exception {
        String contest = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input",
                Contests.input("盲评预览", Duration.ofHours(1), 3))).ok().string("createContest.id");
        String round = GraphQL.anonymous().run("query($id: ID!) { contest(id: $id) { rounds { id } } }",
                Map.of("id", contest)).ok().string("contest.rounds[0].id");
        Registered entrant = Contests.register("blind-entrant", "ENTRANT", "盲评实验中学", "HUNAN");
        String poster = Contests.work(entrant.client(), "POSTER", "海报作品");
        String video = Contests.work(entrant.client(), "SHORT_VIDEO", "视频作品");
        String posterFile = "王小明-实验中学-海报.jpg";
        String videoFile = "王小明-实验中学-视频.mp4";
        String posterAsset = upload(entrant.client(), poster, posterFile, "image/jpeg", identifyingJpeg(2000, 3000));
        String videoAsset = upload(entrant.client(), video, videoFile, "video/mp4",
                MediaFixtures.clip("mp4", 1280, 720, 3));
        awaitReady(entrant.client(), poster);
        awaitReady(entrant.client(), video);

        List<String> entries = new ArrayList<>();
        for (String work : List.of(poster, video)) {
            String category = work.equals(poster) ? "POSTER" : "VIDEO";
            String id = entrant.client().run(SUBMIT, submission(contest, category, work)).ok().string("submitEntry.id");
            GraphQL.as("moderator1").run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY,"
                    + " decision: APPROVE, reasonCode: OK}) { id } }", Map.of("s", id)).ok();
            entries.add(id);
        }
        Registered judge = Contests.register("blind-judge", "JUDGE", "评审单位", "HUNAN");
        GraphQL.as("organizer1").run("mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c,"
                + " judges: $j) }", Map.of("c", contest, "j", List.of(Map.of("judgeId", judge.id())))).ok();
        for (String entry : entries) {
            GraphQL.as("organizer1").run("mutation($r: ID!, $s: ID!, $j: ID!) { assignJudge(roundId: $r,"
                    + " submissionId: $s, judgeId: $j) { id } }", Map.of("r", round, "s", entry, "j", judge.id()))
                    .ok();
        }

        var response = judge.client().run("""
                query($c: ID!) { myAssignments(contestId: $c) { entryCode kind media { mediaType thumbnailUrl
                  previewUrl largeUrl posterUrl urlsExpireAt width height durationSeconds } } }""",
                Map.of("c", contest)).ok();
        List<Map<String, Object>> assigned = response.data("myAssignments");
        assertThat(assigned).hasSize(2);
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        assigned.forEach(a -> byKind.put((String) a.get("kind"), ((List<Map<String, Object>>) a.get("media")).get(0)));
        Map<String, Object> image = byKind.get("POSTER");
        Map<String, Object> clip = byKind.get("SHORT_VIDEO");
        assertThat(image).containsEntry("mediaType", "IMAGE").containsEntry("posterUrl", null);
        assertThat(clip).containsEntry("mediaType", "VIDEO").containsEntry("largeUrl", null);

        List<String> identity = new ArrayList<>(List.of(entrant.id(), poster, video, posterAsset, videoAsset,
                "blind-entrant", "盲评实验中学", "王小明", "实验中学", posterFile, videoFile, SERIAL, ARTIST, "39.9042",
                "116.4074", "39 54", "TestCam", "secret-title", "张三"));
        identity.addAll(entries);

        List<String> urls = new ArrayList<>();
        for (String field : List.of("thumbnailUrl", "previewUrl", "largeUrl")) {
            urls.add((String) image.get(field));
        }
        for (String field : List.of("thumbnailUrl", "previewUrl", "posterUrl")) {
            urls.add((String) clip.get(field));
        }
        assertThat(urls).doesNotContainNull();
        for (String url : urls) {
            assertNoIdentity("URL", url, identity);
            Response got = given().urlEncodingEnabled(false).get(url);
            assertThat(got.statusCode()).as(url).isEqualTo(200);
            StringBuilder headers = new StringBuilder();
            got.headers().forEach(h -> headers.append(h.getName()).append(": ").append(h.getValue()).append('\n'));
            assertNoIdentity("headers of " + url, headers.toString(), identity);
            assertThat(got.header("Content-Disposition")).matches("inline; filename=\"(image\\.jpg|video\\.mp4)\"");
            assertThat(got.header("Cache-Control")).startsWith("private, max-age=");
            byte[] body = got.asByteArray();
            assertNoIdentity("bytes of " + url, body, identity);
            if (got.contentType().startsWith("image/")) {
                assertNoMetadata(url, body);
            }
        }
        // The video preview plays in a browser: H.264 in MP4, and a range request (seeking) works.
        Response video1 = given().urlEncodingEnabled(false).get((String) clip.get("previewUrl"));
        assertThat(video1.contentType()).isEqualTo("video/mp4");
        Response range = given().urlEncodingEnabled(false).header("Range", "bytes=100-199")
                .get((String) clip.get("previewUrl"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.asByteArray()).hasSize(100);

        // A tampered or foreign URL gives nothing.
        String tampered = ((String) image.get("previewUrl")).replaceAll("s=[^&]+", "s=AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(given().urlEncodingEnabled(false).get(tampered).statusCode()).isEqualTo(404);

        // Only their own assignments: another judge sees no media for entries not assigned to them.
        Registered other = Contests.register("blind-other", "JUDGE", "评审单位", "HUNAN");
        assertThat(other.client().run("query($c: ID!) { myAssignments(contestId: $c) { media { previewUrl } } }",
                Map.of("c", contest)).ok().<List<?>>data("myAssignments")).isEmpty();

        // The jury package carries the same blind files, and nothing identifying either.
        String organizer = given().get("/dev/token/organizer1").then().statusCode(200).extract().asString();
        byte[] zip = given().auth().oauth2(organizer).get("/api/rounds/" + round + "/entries.zip")
                .then().statusCode(200).extract().asByteArray();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                assertNoIdentity("ZIP entry " + e.getName(), in.readAllBytes(), identity);
            }
        }
        assertNoIdentity("ZIP names", String.join("\n", names), identity);
        assertThat(names).anyMatch(n -> n.endsWith("-preview.mp4")).anyMatch(n -> n.endsWith("-large.jpg"))
                .anyMatch(n -> n.endsWith("-poster.jpg"));
    }

    /** A 2000 × 3000 JPEG whose EXIF names the artist, the camera's serial and a GPS position. */
    private static byte[] identifyingJpeg(int width, int height) throws Exception {
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MAKE, "Kepu");
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MODEL, "TestCam 1");
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ARTIST, "Wang Xiaoming");
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_BODY_SERIAL_NUMBER, SERIAL);
        exif.setGpsInDegrees(MediaFixtures.GPS_LONGITUDE, MediaFixtures.GPS_LATITUDE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(MediaFixtures.jpeg(width, height), out, exif);
        return out.toByteArray();
    }

    private static void assertNoIdentity(String where, String text, List<String> identity) {
        for (String id : identity) {
            assertThat(text).as(where).doesNotContainIgnoringCase(id);
        }
        assertThat(text).as(where).doesNotContain("Wang Xiaoming");
    }

    private static void assertNoIdentity(String where, byte[] bytes, List<String> identity) {
        String utf8 = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String id : identity) {
            assertThat(utf8).as(where).doesNotContain(new String(id.getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1));
            assertThat(utf8).as(where + " (UTF-16)").doesNotContain(new String(id.getBytes(
                    StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        }
        assertThat(utf8).as(where).doesNotContain("Wang Xiaoming");
    }

    private static void assertNoMetadata(String url, byte[] jpeg) throws Exception {
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        for (Directory d : metadata.getDirectories()) {
            assertThat(d.getName()).as(url).isIn("JPEG", "JFIF", "Huffman", "File Type");
        }
    }

    private static String upload(GraphQL as, String work, String name, String type, byte[] bytes) throws Exception {
        var session = as.run("""
                mutation($input: StartUploadInput!) { startUpload(input: $input) { id url } }""",
                Map.of("input", Map.of("workId", work, "fileName", name, "declaredType", type, "sizeBytes",
                        bytes.length, "sha256", MediaFixtures.sha256(bytes)))).ok();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(session.string("startUpload.url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(200);
        return Uploads.completeAccepted(as, session.string("startUpload.id"));
    }

    private static void awaitReady(GraphQL as, String work) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            List<String> statuses = as.run("query($id: ID!) { work(id: $id) { media { renditions { status } } } }",
                    Map.of("id", work)).ok().data("work.media[0].renditions.status");
            if (statuses.stream().allMatch("READY"::equals)) {
                return;
            }
            assertThat(statuses).as("renditions of " + work).doesNotContain("FAILED", "SKIPPED");
            assertThat(System.nanoTime()).as("renditions of " + work + " ready in time").isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
