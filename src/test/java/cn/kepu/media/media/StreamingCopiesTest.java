package cn.kepu.media.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.Licence;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.webp.WebpDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming pieces of bounded-memory media work, without the stores: the PNG chunk filter, the JPEG rewrite from
 * a file, the WebP probe without image data, and the raster budget's arithmetic.
 */
class StreamingCopiesTest {

    private static final DistributionCopies.Rights RIGHTS = new DistributionCopies.Rights("测试作者",
            Licence.CC_BY_4_0, "kepu-media 科普作品 w1",
            new DistributionCopies.AiMark(AiLabelKind.GENERATED, "某大模型服务", "w1"));

    @Test
    void aPngCopyKeepsThePictureChunksDropsTheRestAndCarriesTheRightsBeforeTheImageData() throws Exception {
        byte[] original = MediaFixtures.png(1200, 1000);
        original = withChunk(original, "tEXt", "Author\0王小明".getBytes(StandardCharsets.UTF_8));
        original = withChunk(original, "eXIf", "MM\0*GPS 39.9042".getBytes(StandardCharsets.ISO_8859_1));
        original = withChunk(original, "tIME", new byte[] {7, (byte) 0xE9, 5, 20, 10, 30, 0});

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngChunks.rewrite(new ByteArrayInputStream(original), out, DistributionCopies.pngText(RIGHTS));
        byte[] copy = out.toByteArray();

        List<String> chunks = chunkTypes(copy);
        assertThat(chunks).doesNotContain("tEXt", "eXIf", "tIME").startsWith("IHDR").endsWith("IEND");
        assertThat(chunks.subList(0, chunks.indexOf("IDAT"))).filteredOn("iTXt"::equals).hasSize(5);
        String raw = new String(copy, StandardCharsets.UTF_8);
        assertThat(raw).contains("Copyright", "© 测试作者 · CC BY 4.0", "AIGC", "TC260:AIGC")
                .doesNotContain("王小明").doesNotContain("39.9042");
        assertThat(new AiLabelReader().metadata(ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy)))
                .result().kind()).isEqualTo(AiLabelKind.GENERATED);
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(original));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(copy));
        assertThat(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()))
                .isEqualTo(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()));
    }

    @Test
    void aCutOffPngIsRefused() {
        byte[] png = MediaFixtures.png(1000, 1000);
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 2);
        assertThatThrownBy(() -> PngChunks.rewrite(new ByteArrayInputStream(cut), new ByteArrayOutputStream(),
                List.of())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> PngChunks.rewrite(new ByteArrayInputStream(MediaFixtures.jpeg(1000, 1000)),
                new ByteArrayOutputStream(), List.of())).hasMessageContaining("not a PNG");
    }

    @Test
    void theJpegRewriteFromAFileIsByteForByteTheWholeFileRewrite(@TempDir Path dir) throws Exception {
        byte[] jpeg = MediaFixtures.jpegWithGps(1600, 1200);
        Path original = dir.resolve("o.jpg");
        Path copy = dir.resolve("c.jpg");
        Files.write(original, jpeg);

        DistributionCopies.jpeg(original, RIGHTS, copy);

        assertThat(Files.readAllBytes(copy)).isEqualTo(DistributionCopies.jpeg(jpeg, RIGHTS));
        long scan = DistributionCopies.startOfScan(new ByteArrayInputStream(jpeg), Long.MAX_VALUE);
        assertThat(jpeg[(int) scan] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[(int) scan + 1] & 0xFF).isEqualTo(0xDA);
    }

    @Test
    void aPngIsProbedWithoutItsImageDataOrATextChunkThatWouldInflatePastTheLimit() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        zipped.writeBytes("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1));
        try (var deflater = new java.util.zip.DeflaterOutputStream(zipped)) {
            deflater.write(new byte[64 << 20]);
        }
        byte[] png = withChunk(MediaFixtures.png(1200, 1000), "zTXt", zipped.toByteArray());
        png = withChunk(png, "tEXt", "Title\0kept".getBytes(StandardCharsets.ISO_8859_1));

        byte[] chunks = PngChunks.withoutImageData(new ByteArrayInputStream(png), 16 << 20);

        assertThat(chunkTypes(chunks)).contains("IHDR", "tEXt", "IEND").doesNotContain("IDAT", "zTXt");
        var directory = ImageMetadataReader.readMetadata(new ByteArrayInputStream(chunks), chunks.length)
                .getFirstDirectoryOfType(com.drew.metadata.png.PngDirectory.class);
        assertThat(directory.getInt(com.drew.metadata.png.PngDirectory.TAG_IMAGE_WIDTH)).isEqualTo(1200);
    }

    @Test
    void aWebpIsProbedWithoutItsImageData() throws Exception {
        byte[] webp = MediaFixtures.realWebp(1600, 1000);
        byte[] squeezed = MediaInspector.webpWithoutImageData(new ByteArrayInputStream(webp), 1 << 20);
        assertThat(squeezed.length).isLessThan(200);
        WebpDirectory directory = ImageMetadataReader.readMetadata(new ByteArrayInputStream(squeezed),
                squeezed.length).getFirstDirectoryOfType(WebpDirectory.class);
        assertThat(directory.getInt(WebpDirectory.TAG_IMAGE_WIDTH)).isEqualTo(1600);
        assertThat(directory.getInt(WebpDirectory.TAG_IMAGE_HEIGHT)).isEqualTo(1000);
    }

    @Test
    void aDecodeIsSubsampledUntilItFitsTheBudget() {
        long budget = 48L << 20;
        // A 6000 x 4000 RGB photo for the 2560-pixel LARGE rendition: every second pixel, about 34 MiB in all.
        assertThat(ImageRenderer.need(6000, 4000, 2, 3, 2560)).isLessThan(budget);
        // A 5000 x 5000 RGBA poster: the usual step (1) would hold 126 MB; the next one fits.
        assertThat(ImageRenderer.need(5000, 5000, 1, 4, 2560)).isGreaterThan(budget);
        assertThat(ImageRenderer.need(5000, 5000, 2, 4, 2560)).isLessThan(budget);
    }

    @Test
    void theBudgetMakesTheNextDecodeWaitAndThenRefusesTypedInsteadOfRunningTheHeapOut() throws Exception {
        RasterBudget budget = new RasterBudget(10L << 20, java.time.Duration.ofMillis(50));
        try (RasterBudget.Lease first = budget.acquire(8L << 20)) {
            assertThatThrownBy(() -> budget.acquire(4L << 20)).isInstanceOf(RasterBudget.Exhausted.class)
                    .hasMessageContaining("raster budget");
        }
        try (RasterBudget.Lease again = budget.acquire(8L << 20)) {
            assertThat(budget.available()).isEqualTo(2L << 20);
        }
    }

    @Test
    void partsStayAtTheMinimumUnlessTenThousandWouldNotHoldTheFile() {
        assertThat(MediaStorage.partSize(1)).isEqualTo(5L << 20);
        assertThat(MediaStorage.partSize(2L << 30)).isEqualTo(5L << 20);
        assertThat(MediaStorage.partSize(100L << 30) * 10_000).isGreaterThanOrEqualTo(100L << 30);
    }

    static byte[] withChunk(byte[] png, String type, byte[] data) {
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    /** The chunk types in order, each chunk's CRC checked. */
    static List<String> chunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        while (in.remaining() >= 12) {
            int length = in.getInt();
            byte[] typeAndData = new byte[4 + length];
            in.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertThat(in.getInt()).as("CRC").isEqualTo((int) crc.getValue());
            types.add(new String(typeAndData, 0, 4, StandardCharsets.ISO_8859_1));
        }
        return types;
    }
}
