package cn.kepu.media.media;

import static cn.kepu.media.media.PictureFixtures.brighter;
import static cn.kepu.media.media.PictureFixtures.crop;
import static cn.kepu.media.media.PictureFixtures.decode;
import static cn.kepu.media.media.PictureFixtures.jpeg;
import static cn.kepu.media.media.PictureFixtures.resize;
import static cn.kepu.media.media.PictureFixtures.scene;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The perceptual hash finds altered copies and tells unrelated pictures apart (threshold 12 of 64 bits). */
class PerceptualHashTest {

    private static final int THRESHOLD = 12;
    private final BufferedImage original = scene(1, 1600, 1200);
    private final long[] hashes = PerceptualHash.variants(original);

    @Test
    void reEncodedResizedBrightenedAndCroppedCopiesStayWithinTheThreshold() {
        assertThat(closest(decode(jpeg(original, 0.4f)))).as("JPEG quality 40").isLessThanOrEqualTo(4);
        assertThat(closest(resize(original, 0.3))).as("resized to 30 %").isLessThanOrEqualTo(4);
        assertThat(closest(brighter(original, 25))).as("brighter").isLessThanOrEqualTo(THRESHOLD);
        for (double cut : new double[] {0.03, 0.05, 0.08, 0.10}) {
            assertThat(closest(decode(jpeg(resize(crop(original, cut), 0.6), 0.7f))))
                    .as("cropped %.0f %% per side, resized and re-encoded", cut * 100).isLessThanOrEqualTo(THRESHOLD);
        }
    }

    @Test
    void unrelatedPicturesAreFarApart() {
        for (long seed = 2; seed < 40; seed++) {
            assertThat(closest(scene(seed, 1600, 1200))).as("scene " + seed).isGreaterThan(THRESHOLD + 4);
        }
    }

    private int closest(BufferedImage copy) {
        int best = 64;
        for (long a : PerceptualHash.variants(copy)) {
            for (long b : hashes) {
                best = Math.min(best, PerceptualHash.distance(a, b));
            }
        }
        return best;
    }
}
