package cn.kepu.media.media;

import static cn.kepu.media.media.MediaUploadTest.awaitRenditions;
import static cn.kepu.media.media.MediaUploadTest.createWork;
import static cn.kepu.media.media.MediaUploadTest.get;
import static cn.kepu.media.media.MediaUploadTest.original;
import static cn.kepu.media.media.MediaUploadTest.publish;
import static cn.kepu.media.media.MediaUploadTest.uploadAndComplete;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.works.Work;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * Outlet copies of large files take bounded heap (issue 13 item 5: the image runs at -Xmx128m). The copy of a
 * 6000 × 4000 PNG (a 72 MB raster once decoded) and of a ~70 MB video are made while the JVM's flight recorder
 * watches every allocation made outside a thread's local buffer, which is where any large array goes: none of them may
 * come near the file or the raster. Reading the original whole, decoding the PNG in the heap or reading the video's
 * copy back whole (what the copies did before) each allocate one array of the file's or raster's size.
 */
@QuarkusTest
class BoundedMediaMemoryTest {

    /**
     * Far below the 72 MB raster and the 70 MB video; above copy buffers and an upload part (minio-java buffers a
     * 5 MiB part in a ByteArrayOutputStream, whose array doubles to 8 MiB).
     */
    private static final long LARGEST_ALLOWED = 16L << 20;

    @Inject
    DistributionCopies copies;

    @Test
    void theOutletCopyOfALargePosterPngIsMadeWithoutItsRasterInTheHeap() throws Exception {
        byte[] png = MediaFixtures.ffmpeg("png", "-f", "lavfi", "-i", "testsrc2=size=6000x4000:rate=1",
                "-frames:v", "1", "-pix_fmt", "rgb24", "-c:v", "png");
        String work = createWork("entrant1", "POSTER");
        String asset = uploadAndComplete("entrant1", work, "poster.png", "image/png", png).ok()
                .string("uploadSession.asset.id");
        assertThat(awaitRenditions("entrant1", work, 0)).extracting(r -> r.get("status")).containsOnly("READY");
        publish(work);

        Largest largest = largestAllocationWhile(() -> copyOf(asset, work));

        assertThat(largest.bytes()).as("largest allocation while copying: %s", largest)
                .isLessThan(LARGEST_ALLOWED);
        byte[] copy = get(original("media1", asset, "CC_BY_4_0").ok().string("downloadUrl.url")).body();
        assertThat(StreamingCopiesTest.chunkTypes(copy)).contains("IHDR", "iTXt", "IDAT", "IEND");
        assertThat(new String(copy, StandardCharsets.UTF_8)).contains("© 测试作者 · CC BY 4.0");
        var dimensions = com.drew.imaging.ImageMetadataReader.readMetadata(new java.io.ByteArrayInputStream(copy))
                .getFirstDirectoryOfType(com.drew.metadata.png.PngDirectory.class);
        assertThat(dimensions.getInt(com.drew.metadata.png.PngDirectory.TAG_IMAGE_WIDTH)).isEqualTo(6000);
        assertThat(dimensions.getInt(com.drew.metadata.png.PngDirectory.TAG_IMAGE_HEIGHT)).isEqualTo(4000);
    }

    @Test
    void theOutletCopyOfALargeVideoIsNeverReadIntoTheHeap() throws Exception {
        // Two seconds of lossless noise: about 70 MB of real picture data the stream copy must carry.
        byte[] video = MediaFixtures.ffmpeg("mp4", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440", "-t", "2", "-vf", "noise=alls=30:allf=t",
                "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-shortest", "-movflags", "+faststart");
        assertThat(video.length).isGreaterThan(40_000_000);
        String work = createWork("entrant1", "SHORT_VIDEO");
        String asset = uploadAndComplete("entrant1", work, "clip.mp4", "video/mp4", video).ok()
                .string("uploadSession.asset.id");
        awaitRenditions("entrant1", work, 0);
        publish(work);

        AtomicReference<DistributionCopies.Copy> made = new AtomicReference<>();
        Largest largest = largestAllocationWhile(() -> made.set(copyOf(asset, work)));

        assertThat(largest.bytes()).as("largest allocation while copying: %s", largest)
                .isLessThan(LARGEST_ALLOWED);
        assertThat(made.get().sizeBytes()).isGreaterThan(video.length * 9L / 10);
    }

    private DistributionCopies.Copy copyOf(String assetId, String workId) {
        MediaAsset asset = QuarkusTransaction.requiringNew().call(() -> MediaAsset.findById(UUID.fromString(
                assetId)));
        Work work = QuarkusTransaction.requiringNew().call(() -> Work.findById(UUID.fromString(workId)));
        return copies.copyOf(asset, work);
    }

    record Largest(long bytes, String type, String thread) {
    }

    /**
     * The largest single allocation made outside thread-local allocation buffers, in any thread, while {@code step}
     * runs: JFR's {@code jdk.ObjectAllocationOutsideTLAB} events, which every array too large for a TLAB produces.
     */
    private static Largest largestAllocationWhile(Runnable step) {
        List<Largest> seen = new ArrayList<>();
        try (RecordingStream recording = new RecordingStream()) {
            recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            recording.onEvent("jdk.ObjectAllocationOutsideTLAB", (RecordedEvent e) -> {
                synchronized (seen) {
                    seen.add(new Largest(e.getLong("allocationSize"), e.getClass("objectClass").getName(),
                            e.getThread() == null ? "?" : e.getThread().getJavaName()));
                }
            });
            recording.startAsync();
            step.run();
            recording.stop();
        }
        synchronized (seen) {
            return seen.stream().max(java.util.Comparator.comparingLong(Largest::bytes))
                    .orElse(new Largest(0, "-", "-"));
        }
    }
}
