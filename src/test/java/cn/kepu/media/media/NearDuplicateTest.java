package cn.kepu.media.media;

import static cn.kepu.media.media.MediaUploadTest.awaitRenditions;
import static cn.kepu.media.media.MediaUploadTest.createWork;
import static cn.kepu.media.media.MediaUploadTest.uploadAndComplete;
import static cn.kepu.media.media.PictureFixtures.crop;
import static cn.kepu.media.media.PictureFixtures.jpeg;
import static cn.kepu.media.media.PictureFixtures.resize;
import static cn.kepu.media.media.PictureFixtures.scene;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Copies made in the test (re-encoded, resized, cropped; a re-encoded and downscaled video) are flagged to moderators
 * and organizers with the matched work and distance; unrelated files are not.
 */
@QuarkusTest
class NearDuplicateTest {

    private static final String QUERY = """
            query($id: ID!) { work(id: $id) { nearDuplicates { matchedWorkId matchedWorkTitle distance
              framesMatched } } }""";

    @Test
    void anAlteredCopyOfAPhotoIsFlaggedBothWaysAndAnUnrelatedOneIsNot() {
        BufferedImage original = scene(101, 3000, 2000);
        String first = createWork("entrant1", "PHOTO");
        uploadAndComplete("entrant1", first, "original.jpg", "image/jpeg", jpeg(original, 0.9f)).ok();
        awaitRenditions("entrant1", first, 0);

        String copy = createWork("entrant2", "PHOTO");
        byte[] altered = jpeg(resize(crop(original, 0.05), 0.7), 0.6f);
        uploadAndComplete("entrant2", copy, "mine.jpg", "image/jpeg", altered).ok();
        awaitRenditions("entrant2", copy, 0);

        String unrelated = createWork("entrant3", "PHOTO");
        uploadAndComplete("entrant3", unrelated, "other.jpg", "image/jpeg", jpeg(scene(202, 3000, 2000), 0.9f)).ok();
        awaitRenditions("entrant3", unrelated, 0);

        List<Map<String, Object>> flagged = duplicates("moderator1", copy);
        assertThat(flagged).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("matchedWorkId", first).containsEntry("framesMatched", 1);
            assertThat((Integer) m.get("distance")).isBetween(0, 12);
        });
        assertThat(duplicates("organizer1", first)).extracting(m -> m.get("matchedWorkId")).containsExactly(copy);
        assertThat(duplicates("moderator1", unrelated)).isEmpty();
        // Entrants do not learn about other people's works through this field.
        assertThat(duplicates("entrant2", copy)).isEmpty();
    }

    @Test
    void aReEncodedSmallerCopyOfAVideoIsFlagged() {
        byte[] clip = MediaFixtures.clip("mp4", 960, 540, 4);
        String first = createWork("entrant1", "SHORT_VIDEO");
        uploadAndComplete("entrant1", first, "v.mp4", "video/mp4", clip).ok();
        awaitRenditions("entrant1", first, 0);

        java.nio.file.Path in;
        byte[] copy;
        try {
            in = java.nio.file.Files.createTempFile("orig", ".mp4");
            java.nio.file.Files.write(in, clip);
            copy = MediaFixtures.ffmpeg("webm", "-i", in.toString(), "-vf", "scale=480:-2", "-c:v", "libvpx-vp9",
                    "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k", "-c:a", "libopus", "-f", "webm");
            java.nio.file.Files.deleteIfExists(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String second = createWork("entrant2", "SHORT_VIDEO");
        uploadAndComplete("entrant2", second, "v.webm", "video/webm", copy).ok();
        awaitRenditions("entrant2", second, 0);

        // Other tests' clips use the same synthetic test pattern and may match too: look for this one.
        assertThat(duplicates("moderator1", second)).anySatisfy(m -> {
            assertThat(m).containsEntry("matchedWorkId", first);
            assertThat((Integer) m.get("framesMatched")).isGreaterThanOrEqualTo(2);
        });
    }

    private static List<Map<String, Object>> duplicates(String login, String work) {
        return GraphQL.as(login).run(QUERY, Map.of("id", work)).ok().data("work.nearDuplicates");
    }
}
