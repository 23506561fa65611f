package cn.kepu.media.media;

import static cn.kepu.media.media.MediaFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import cn.kepu.media.testsupport.Await;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Uploads;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkMediaFacts;
import cn.kepu.media.works.WorkStatus;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads real files through presigned URLs with a plain HTTP client, as a browser or app would, against the real
 * S3 server of the local stack, and checks what the service stored, rendered, logged and refused.
 */
@QuarkusTest
class MediaUploadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ASSET_FIELDS = """
            id fileName mimeType sizeBytes sha256 width height orientation colorSpace capturedAt camera
            durationSeconds frameRate videoCodec audioCodec bitrateBps rotation creditLine licence { code }
            renditions { kind status message width height contentType }""";

    @Inject
    MediaStorage storage;

    @Inject
    MediaCleanup cleanup;

    @Inject
    WorkMediaFacts workMediaFacts;

    @Test
    void jpegWithGpsIsProbedRenderedAndStrippedOfGps() throws Exception {
        String work = createWork("entrant1", "PHOTO");
        byte[] jpeg = MediaFixtures.jpegWithGps(1600, 1200);
        Map<String, Object> asset = uploadAndComplete("entrant1", work, "长城 夕阳.JPG", "image/jpeg", jpeg).ok()
                .data("uploadSession.asset");

        assertThat(asset).containsEntry("mimeType", "image/jpeg").containsEntry("width", 1600)
                .containsEntry("height", 1200).containsEntry("camera", "Kepu TestCam 1")
                .containsEntry("fileName", "长城 夕阳.JPG").containsEntry("sha256", sha256(jpeg))
                .containsEntry("creditLine", "测试作者");
        assertThat((String) asset.get("capturedAt")).startsWith("2025-05-20T");
        assertThat(asset.keySet()).noneMatch(k -> k.toLowerCase().contains("gps"));
        assertThat(storage.stat("originals/" + work + "/" + asset.get("id"))).isPresent();

        // The stored original keeps its GPS (it is the author's file); every rendition is written without it.
        List<Map<String, Object>> renditions = awaitRenditions("entrant1", work, 0);
        assertThat(renditions).extracting(r -> r.get("status")).containsOnly("READY");
        for (String kind : List.of("THUMBNAIL", "PREVIEW")) {
            var link = GraphQL.as("entrant1").run("""
                    mutation($id: ID!, $kind: RenditionKind) { downloadUrl(assetId: $id, rendition: $kind) {
                      url contentType fileName } }""", Map.of("id", asset.get("id"), "kind", kind)).ok();
            HttpResponse<byte[]> got = get(link.string("downloadUrl.url"));
            assertThat(got.statusCode()).isEqualTo(200);
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(got.body()));
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).as("GPS in " + kind).isNull();
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).as("EXIF in " + kind).isNull();
            var image = ImageIO.read(new ByteArrayInputStream(got.body()));
            assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(kind.equals("THUMBNAIL") ? 320 : 1280);
        }
        Metadata original = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        assertThat(original.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation().getLatitude())
                .isCloseTo(MediaFixtures.GPS_LATITUDE, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void pngIsAcceptedWithItsFacts() {
        String work = createWork("entrant1", "POSTER");
        Map<String, Object> asset = uploadAndComplete("entrant1", work, "poster.png", "image/png",
                MediaFixtures.png(1000, 1414)).ok().data("uploadSession.asset");
        assertThat(asset).containsEntry("mimeType", "image/png").containsEntry("width", 1000)
                .containsEntry("height", 1414);
        assertThat((String) asset.get("colorSpace")).isNotBlank();
        assertThat(awaitRenditions("entrant1", work, 0)).extracting(r -> r.get("status")).containsOnly("READY");
    }

    @Test
    void tiffIsAcceptedAndRendered() {
        String work = createWork("entrant1", "PHOTO");
        Map<String, Object> asset = uploadAndComplete("entrant1", work, "scan.tif", "image/tiff",
                MediaFixtures.tiff(1500, 1000)).ok().data("uploadSession.asset");
        assertThat(asset).containsEntry("mimeType", "image/tiff").containsEntry("width", 1500)
                .containsEntry("height", 1000);
        assertThat(awaitRenditions("entrant1", work, 0)).extracting(r -> r.get("status")).containsOnly("READY");
    }

    @Test
    void webpIsAcceptedAndRendered() throws Exception {
        String work = createWork("entrant1", "PHOTO");
        Map<String, Object> asset = uploadAndComplete("entrant1", work, "p.webp", "image/webp",
                MediaFixtures.realWebp(1600, 1000)).ok().data("uploadSession.asset");
        assertThat(asset).containsEntry("mimeType", "image/webp").containsEntry("width", 1600)
                .containsEntry("height", 1000);
        List<Map<String, Object>> renditions = awaitRenditions("entrant1", work, 0);
        assertThat(renditions).extracting(r -> r.get("kind")).containsExactlyInAnyOrder("THUMBNAIL", "PREVIEW",
                "LARGE");
        assertThat(renditions).extracting(r -> r.get("status")).containsOnly("READY");
        var link = GraphQL.as("entrant1").run("""
                mutation($id: ID!) { downloadUrl(assetId: $id, rendition: PREVIEW) { url } }""",
                Map.of("id", asset.get("id"))).ok();
        var image = ImageIO.read(new ByteArrayInputStream(get(link.string("downloadUrl.url")).body()));
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(800);
    }

    @Test
    void largeMp4GoesMultipartAndCanBeResumed() throws Exception {
        Multipart upload = startMultipartMp4("clip.mp4", 1280, 720, 4);
        String id = upload.id();
        int partSize = upload.partSize();
        byte[] mp4 = upload.bytes();
        assertThat(upload.urls()).hasSize(3);

        assertThat(put(upload.urls().get(0), upload.part(1))).isEqualTo(200);
        var early = complete("entrant1", id);
        assertThat(early.errorCode()).isEqualTo("CONFLICT");
        assertThat(early.errorMessage()).contains("[2, 3]");

        // Resume: the service tells which parts are stored and signs fresh URLs for the rest.
        var resumed = GraphQL.as("entrant1").run("""
                query($id: ID!) { uploadSession(id: $id) { status parts { partNumber url storedBytes } } }""",
                Map.of("id", id)).ok();
        assertThat(resumed.string("uploadSession.status")).isEqualTo("OPEN");
        List<Map<String, Object>> parts = resumed.data("uploadSession.parts");
        assertThat(parts.get(0)).containsEntry("storedBytes", partSize).containsEntry("url", null);
        for (Map<String, Object> part : parts.subList(1, 3)) {
            int n = (Integer) part.get("partNumber");
            assertThat(put((String) part.get("url"), upload.part(n))).isEqualTo(200);
        }
        Map<String, Object> asset = completeAndAwait("entrant1", id).data("uploadSession.asset");
        assertThat(asset).containsEntry("mimeType", "video/mp4").containsEntry("width", 1280)
                .containsEntry("height", 720).containsEntry("sizeBytes", mp4.length)
                .containsEntry("videoCodec", "h264").containsEntry("audioCodec", "aac").containsEntry("rotation", 0);
        assertThat(((Number) asset.get("durationSeconds")).doubleValue()).isCloseTo(4.0, offset(0.1));
        assertThat(((Number) asset.get("frameRate")).doubleValue()).isEqualTo(25.0);
        assertThat(((Number) asset.get("bitrateBps")).longValue()).isCloseTo(Math.round(mp4.length * 8 / 4.0),
                org.assertj.core.data.Percentage.withPercentage(5));
        List<Map<String, Object>> renditions = awaitRenditions("entrant1", upload.work(), 0);
        assertThat(renditions).extracting(r -> r.get("kind")).containsExactlyInAnyOrder("POSTER", "THUMBNAIL",
                "PREVIEW");
        assertThat(renditions).extracting(r -> r.get("status")).containsOnly("READY");
    }

    @Test
    void movIsAcceptedAsQuickTime() {
        String work = createWork("entrant1", "SHORT_VIDEO");
        Map<String, Object> asset = uploadAndComplete("entrant1", work, "clip.mov", "video/quicktime",
                MediaFixtures.clip("mov", 640, 480, 3)).ok().data("uploadSession.asset");
        assertThat(asset).containsEntry("mimeType", "video/quicktime").containsEntry("width", 640)
                .containsEntry("height", 480).containsEntry("videoCodec", "h264");
        assertThat(((Number) asset.get("durationSeconds")).doubleValue()).isCloseTo(3.0, offset(0.1));
        assertThat(((Number) asset.get("frameRate")).doubleValue()).isEqualTo(25.0);
    }

    @Test
    void hostileFilesAreRejectedWithTheirReasonAndDeleted() {
        String photo = createWork("entrant1", "PHOTO");
        byte[] png = MediaFixtures.png(1200, 1200);
        assertRejected(photo, "photo.jpg", "image/jpeg", png, png, "TYPE_MISMATCH");
        // Declared type right, extension lying: still a mismatch.
        assertRejected(photo, "photo.jpg", "image/png", png, png, "TYPE_MISMATCH");
        byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes();
        assertRejected(photo, "photo.jpg", "image/jpeg", html, html, "TYPE_NOT_ALLOWED");
        byte[] jpeg = MediaFixtures.jpeg(1200, 1000);
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertRejected(photo, "cut.jpg", "image/jpeg", truncated, truncated, "TRUNCATED");
        byte[] bomb = MediaFixtures.pngHeaderOnly(50_000, 50_000);
        assertRejected(photo, "bomb.png", "image/png", bomb, bomb, "TOO_MANY_PIXELS");
        byte[] small = MediaFixtures.jpeg(800, 600);
        assertRejected(photo, "small.jpg", "image/jpeg", small, small, "TOO_SMALL");
        byte[] other = MediaFixtures.jpeg(1000, 1000);
        assertRejected(photo, "sum.jpg", "image/jpeg", jpeg, Arrays.copyOf(other, jpeg.length), "CHECKSUM_MISMATCH");
        assertRejected(photo, "short.jpg", "image/jpeg", jpeg, Arrays.copyOf(jpeg, jpeg.length - 10),
                "SIZE_MISMATCH");
        byte[] mp4 = MediaFixtures.clip("mp4", 640, 360, 2);
        byte[] cutMovie = Arrays.copyOf(mp4, mp4.length - 100);
        assertRejected(createWork("entrant1", "SHORT_VIDEO"), "cut.mp4", "video/mp4", cutMovie, cutMovie,
                "TRUNCATED");
        assertRejected(photo, "clip.mp4", "video/mp4", mp4, mp4, null);
    }

    @Test
    void declarationsThatCannotBeRightAreRefusedBeforeAnyByteIsSent() {
        String photo = createWork("entrant1", "PHOTO");
        var oversize = GraphQL.as("entrant1").run(START, Map.of("input", Map.of("workId", photo,
                "fileName", "huge.jpg", "declaredType", "image/jpeg", "sizeBytes", 60L * 1024 * 1024,
                "sha256", "a".repeat(64))));
        assertThat(oversize.errorCode()).isEqualTo("VALIDATION");
        assertThat(oversize.errorField()).isEqualTo("input.sizeBytes");
        var badSum = GraphQL.as("entrant1").run(START, Map.of("input", Map.of("workId", photo,
                "fileName", "x.jpg", "declaredType", "image/jpeg", "sizeBytes", 10, "sha256", "xyz")));
        assertThat(badSum.errorField()).isEqualTo("input.sha256");
        var notMine = start("entrant2", photo, "x.jpg", "image/jpeg", MediaFixtures.jpeg(1000, 1000));
        assertThat(notMine.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void anUploadCompletesOnceAndOnlyForItsOwner() {
        String work = createWork("entrant1", "PHOTO");
        byte[] jpeg = MediaFixtures.jpeg(1200, 1000);
        var session = start("entrant1", work, "once.jpg", "image/jpeg", jpeg).ok();
        String id = session.string("startUpload.id");
        assertThat(put(session.string("startUpload.url"), jpeg)).isEqualTo(200);

        assertThat(complete("entrant2", id).errorCode()).isEqualTo("FORBIDDEN");
        var answer = complete("entrant1", id).ok();
        assertThat(answer.string("completeUpload.id")).isEqualTo(id);
        assertThat(answer.string("completeUpload.status")).isEqualTo("VERIFYING");
        assertThat(complete("entrant1", id).errorCode()).as("while verifying").isEqualTo("CONFLICT");
        assertThat(Uploads.awaitVerdict(GraphQL.as("entrant1"), id, "").string("uploadSession.status"))
                .isEqualTo("COMPLETED");
        var again = complete("entrant1", id);
        assertThat(again.errorCode()).isEqualTo("CONFLICT");
        assertThat(again.errorMessage()).contains("已完成").doesNotContain("COMPLETED");
    }

    @Test
    void originalsGoToMediaOnlyForPublishedWorksUnderTheirLicenceAndAreLogged() throws Exception {
        String work = createWork("entrant1", "PHOTO");
        byte[] jpeg = MediaFixtures.jpeg(1200, 1000);
        String asset = uploadAndComplete("entrant1", work, "新闻图片.jpg", "image/jpeg", jpeg).ok()
                .string("uploadSession.asset.id");
        awaitRenditions("entrant1", work, 0);

        assertThat(original("media1", asset, "CC_BY_4_0").errorCode()).as("draft is invisible").isEqualTo("NOT_FOUND");
        publish(work);
        assertThat(original("media1", asset, null).errorField()).isEqualTo("acceptLicence");
        assertThat(original("media1", asset, "CC_BY_NC_4_0").errorField()).isEqualTo("acceptLicence");
        assertThat(original("judge1", asset, "CC_BY_4_0").errorCode()).isEqualTo("FORBIDDEN");
        assertThat(original("anonymous", asset, "CC_BY_4_0").errorCode()).isEqualTo("UNAUTHENTICATED");

        var link = original("media1", asset, "CC_BY_4_0").ok();
        assertThat(link.string("downloadUrl.creditLine")).isEqualTo("测试作者");
        assertThat(link.string("downloadUrl.licence.code")).isEqualTo("CC_BY_4_0");
        HttpResponse<byte[]> got = get(link.string("downloadUrl.url"));
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        // Outlets get the distribution copy (see DistributionCopyTest) under our name, not the entrant's file name.
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"kepu-" + asset + ".jpg\"");

        // The owner gets the untouched original, byte for byte, with its own file name.
        HttpResponse<byte[]> mine = get(original("entrant1", asset, null).ok().string("downloadUrl.url"));
        assertThat(sha256(mine.body())).isEqualTo(sha256(jpeg));
        assertThat(mine.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"kepu-" + asset + ".jpg\"")
                .contains("filename*=UTF-8''%E6%96%B0%E9%97%BB%E5%9B%BE%E7%89%87.jpg");

        // Renditions follow the work's visibility: anyone may see a published work's thumbnail.
        GraphQL.anonymous().run("mutation($id: ID!) { downloadUrl(assetId: $id, rendition: THUMBNAIL) { url } }",
                Map.of("id", asset)).ok();

        var log = GraphQL.as("organizer1").run("""
                query($work: ID) { downloadLog(workId: $work) { assetId workId accountId licence downloadedAt } }""",
                Map.of("work", work)).ok();
        List<Map<String, Object>> records = log.data("downloadLog");
        String media1 = GraphQL.as("media1").run("{ me { id } }").ok().string("me.id");
        assertThat(records).filteredOn(r -> media1.equals(r.get("accountId"))).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("assetId", asset).containsEntry("accountId", media1)
                .containsEntry("licence", "CC_BY_4_0"));
        assertThat(GraphQL.as("media1").run("{ downloadLog { id } }").errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void workListsItsMediaWithFacts() {
        String work = createWork("entrant1", "PHOTO");
        uploadAndComplete("entrant1", work, "a.jpg", "image/jpeg", MediaFixtures.jpeg(1200, 1000)).ok();
        uploadAndComplete("entrant1", work, "b.png", "image/png", MediaFixtures.png(1000, 1000)).ok();
        List<Map<String, Object>> media = GraphQL.as("entrant1").run("""
                query($id: ID!) { work(id: $id) { media { fileName width licence { code } creditLine } } }""",
                Map.of("id", work)).ok().data("work.media");
        assertThat(media).extracting(m -> m.get("fileName")).containsExactly("a.jpg", "b.png");
        assertThat(media).extracting(m -> m.get("creditLine")).containsOnly("测试作者");

        // Other features read the same facts through the works extension point.
        var facts = workMediaFacts.factsOf(List.of(java.util.UUID.fromString(work)))
                .get(java.util.UUID.fromString(work));
        assertThat(facts).extracting(f -> f.mimeType()).containsExactly("image/jpeg", "image/png");
        assertThat(facts).extracting(f -> f.width()).containsExactly(1200, 1000);
    }

    @Test
    void abandonedUploadsExpireAndLeaveNothingBehind() {
        String work = createWork("entrant1", "SHORT_VIDEO");
        byte[] mp4 = MediaFixtures.movie(false, 640, 360, 2, 25, 6 * 1024 * 1024);
        var session = start("entrant1", work, "abandoned.mp4", "video/mp4", mp4).ok();
        String id = session.string("startUpload.id");
        List<String> urls = session.data("startUpload.parts.url");
        assertThat(put(urls.get(0), Arrays.copyOf(mp4, session.<Integer>data("startUpload.partSize")))).isEqualTo(200);
        String key = "originals/" + work + "/" + id;
        assertThat(storage.listIncompleteMultiparts("originals/")).extracting(Map.Entry::getKey).contains(key);

        assertThat(cleanup.expireAbandoned(Instant.now().plus(Duration.ofDays(2)))).isPositive();

        assertThat(storage.listIncompleteMultiparts("originals/")).extracting(Map.Entry::getKey)
                .doesNotContain(key);
        assertThat(GraphQL.as("entrant1").run("query($id: ID!) { uploadSession(id: $id) { status } }",
                Map.of("id", id)).ok().string("uploadSession.status")).isEqualTo("EXPIRED");
        assertThat(complete("entrant1", id).errorCode()).isEqualTo("CONFLICT");
    }

    /**
     * Storage and rows agree once the renditions of an upload (this test's own, and any still queued by others) have
     * settled. Holds whatever ran before: no test of this class depends on another or on their order.
     */
    @Test
    void storageAndRowsAgreeOnceRenditionsSettle() throws InterruptedException {
        String work = createWork("entrant1", "PHOTO");
        uploadAndComplete("entrant1", work, "consistency.jpg", "image/jpeg", MediaFixtures.jpeg(1200, 1000)).ok();
        awaitRenditionsSettled();

        var report = GraphQL.as("organizer1").run("{ mediaConsistency { objectsWithoutRow rowsWithoutObject } }")
                .ok();
        assertThat(report.<List<String>>data("mediaConsistency.objectsWithoutRow")).isEmpty();
        assertThat(report.<List<String>>data("mediaConsistency.rowsWithoutObject")).isEmpty();
    }

    /** Leaves no background rendition work behind for the test classes after this one (statement counts). */
    @AfterAll
    static void awaitRenditionsSettled() {
        Await.until("renditions settle", () -> QuarkusTransaction.requiringNew()
                .call(() -> Rendition.count("status", RenditionStatus.PENDING)) == 0);
    }

    // --- helpers ---

    private static final String START = """
            mutation($input: StartUploadInput!) { startUpload(input: $input) {
              id status url partSize parts { partNumber url storedBytes } } }""";

    private void assertRejected(String work, String name, String type, byte[] declared, byte[] sent, String reason) {
        var session = start("entrant1", work, name, type, declared);
        if (reason == null) {
            // Refused at start (e.g. a video for a photo work): nothing is ever stored.
            assertThat(session.errorCode()).isEqualTo("VALIDATION");
            return;
        }
        String id = session.ok().string("startUpload.id");
        assertThat(put(session.string("startUpload.url"), sent)).isEqualTo(200);
        // The answer comes before the bytes are read; the verdict follows on the session.
        assertThat(complete("entrant1", id).ok().string("completeUpload.status")).as(name).isEqualTo("VERIFYING");
        var verdict = Uploads.awaitVerdict(GraphQL.as("entrant1"), id, "");
        assertThat(verdict.string("uploadSession.status")).as(name).isEqualTo("REJECTED");
        assertThat(verdict.string("uploadSession.rejection")).as(name).isEqualTo(reason);
        assertThat(storage.stat("originals/" + work + "/" + id)).as("deleted " + name).isEmpty();
        // The stored verdict is rendered in the reader's language.
        String query = "query($id: ID!) { uploadSession(id: $id) { status rejection rejectionMessage } }";
        String zh = verdict.string("uploadSession.rejectionMessage");
        String en = GraphQL.as("entrant1").acceptLanguage("en").run(query, Map.of("id", id)).ok()
                .string("uploadSession.rejectionMessage");
        assertInOneLanguage(name + " (stored, zh)", zh, false);
        assertInOneLanguage(name + " (stored, en)", en, true);
    }

    /** Issue 8 item 11: Chinese without an English sentence in it, English without Chinese characters. */
    private static void assertInOneLanguage(String what, String text, boolean english) {
        assertThat(text).as(what).isNotBlank();
        if (english) {
            assertThat(cn.kepu.media.testsupport.Languages.HAN.matcher(text).find()).as(what + ": " + text).isFalse();
        } else {
            assertThat(cn.kepu.media.testsupport.Languages.HAN.matcher(text).find()).as(what + ": " + text).isTrue();
            assertThat(cn.kepu.media.testsupport.Languages.ENGLISH_WORDS.matcher(text).find()).as(what + ": " + text).isFalse();
        }
    }

    /** A multipart upload as startUpload answered it, and the file it is for. */
    record Multipart(String work, String id, byte[] bytes, int partSize, List<String> urls) {

        /** The bytes of part {@code number} (from 1). */
        byte[] part(int number) {
            return Arrays.copyOfRange(bytes, (number - 1) * partSize, Math.min(number * partSize, bytes.length));
        }
    }

    /** Starts entrant1's multipart upload of an 11 MB MP4 (three parts) to a new video work. */
    static Multipart startMultipartMp4(String name, int width, int height, int seconds) {
        String work = createWork("entrant1", "SHORT_VIDEO");
        byte[] mp4 = MediaFixtures.padded(MediaFixtures.clip("mp4", width, height, seconds), 11 * 1024 * 1024);
        var session = start("entrant1", work, name, "video/mp4", mp4).ok();
        assertThat(session.<String>data("startUpload.url")).as("multipart: no single-request URL").isNull();
        return new Multipart(work, session.string("startUpload.id"), mp4, session.<Integer>data("startUpload.partSize"),
                session.data("startUpload.parts.url"));
    }

    static String createWork(String login, String kind) {
        return GraphQL.as(login).run("""
                mutation($kind: WorkKind!) { createWork(input: {kind: $kind, title: "媒体测试", topics: ["AEROSPACE"],
                  region: BEIJING, creators: [{name: "测试作者"}], licence: CC_BY_4_0}) { id } }""",
                Map.of("kind", kind)).ok().string("createWork.id");
    }

    static GraphQL.Response start(String login, String work, String name, String type, byte[] bytes) {
        return GraphQL.as(login).run(START, Map.of("input", Map.of("workId", work, "fileName", name,
                "declaredType", type, "sizeBytes", bytes.length, "sha256", sha256(bytes))));
    }

    /** completeUpload as a client calls it: the session (VERIFYING) or a typed refusal. */
    static GraphQL.Response complete(String login, String uploadId) {
        return GraphQL.as(login).run("mutation($id: ID!) { completeUpload(id: $id) { id status } }",
                Map.of("id", uploadId));
    }

    /** completeUpload, then the verdict: {@code uploadSession} with the accepted file's fields under {@code asset}. */
    static GraphQL.Response completeAndAwait(String login, String uploadId) {
        Uploads.complete(GraphQL.as(login), uploadId);
        return Uploads.awaitVerdict(GraphQL.as(login), uploadId, "asset { " + ASSET_FIELDS + " }");
    }

    /**
     * Starts, PUTs the whole file (single request or part by part), completes and waits for the verdict, which must
     * be an acceptance: {@code uploadSession.asset} holds the file.
     */
    static GraphQL.Response uploadAndComplete(String login, String work, String name, String type, byte[] bytes) {
        var session = start(login, work, name, type, bytes).ok();
        String url = session.string("startUpload.url");
        if (url != null) {
            assertThat(put(url, bytes)).isEqualTo(200);
        } else {
            int partSize = session.<Integer>data("startUpload.partSize");
            List<String> urls = session.data("startUpload.parts.url");
            for (int i = 0; i < urls.size(); i++) {
                assertThat(put(urls.get(i), Arrays.copyOfRange(bytes, i * partSize,
                        Math.min(bytes.length, (i + 1) * partSize)))).isEqualTo(200);
            }
        }
        var verdict = completeAndAwait(login, session.string("startUpload.id"));
        assertThat(verdict.string("uploadSession.status")).as("%s: %s", name,
                verdict.string("uploadSession.rejectionMessage")).isEqualTo("COMPLETED");
        return verdict;
    }

    static int put(String url, byte[] bytes) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError("PUT " + url, e);
        }
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Waits until no rendition of the work's asset at {@code index} is PENDING, and returns them. */
    static List<Map<String, Object>> awaitRenditions(String login, String work, int index) {
        return Await.until("renditions of " + work + " no longer pending", () -> GraphQL.as(login).run("""
                        query($id: ID!) { work(id: $id) { media { renditions { kind status message } } } }""",
                        Map.of("id", work)).ok().<List<Map<String, Object>>>data("work.media[" + index + "].renditions"),
                renditions -> renditions.stream().noneMatch(r -> "PENDING".equals(r.get("status"))), Await.WITHIN,
                Duration.ofMillis(250));
    }

    static GraphQL.Response original(String login, String asset, String licence) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", asset);
        vars.put("licence", licence);
        GraphQL client = login.equals("anonymous") ? GraphQL.anonymous() : GraphQL.as(login);
        return client.run("""
                mutation($id: ID!, $licence: Licence) { downloadUrl(assetId: $id, acceptLicence: $licence) {
                  url contentType fileName creditLine licence { code } } }""", vars);
    }

    /** Publishing belongs to moderation (another feature); the test sets the state directly. */
    static void publish(String work) {
        QuarkusTransaction.requiringNew().run(() -> Work.update("status = ?1, publishedAt = ?2 where id = ?3",
                WorkStatus.PUBLISHED, Instant.now(), java.util.UUID.fromString(work)));
    }
}
