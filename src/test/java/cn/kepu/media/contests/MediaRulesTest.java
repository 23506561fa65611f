package cn.kepu.media.contests;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.MediaFacts;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MediaRulesTest {

    static final MediaRules VIDEO = new MediaRules(List.of("video/mp4"), 500_000_000L, 1280, 720, 180.0,
            List.of("16:9", "9:16"));
    static final MediaRules POSTER = new MediaRules(List.of("image/jpeg", "image/png"), 20_000_000L, 3000, 4000,
            null, List.of());

    /** The rules' messages in English, as a client asking for English reads them. */
    static List<String> english(MediaRules rules, List<MediaFacts> files) {
        return rules.violations(files).stream().map(m -> m.in(Messages.ENGLISH)).toList();
    }

    static MediaFacts file(String mime, long size, Integer w, Integer h, Double seconds) {
        return new MediaFacts(UUID.randomUUID(), mime, size, w, h, seconds);
    }

    @Test
    void noVerifiedMediaIsARuleFailure() {
        assertThat(english(VIDEO, List.of())).singleElement().asString().contains("no verified media");
        assertThat(english(VIDEO, null)).hasSize(1);
    }

    @Test
    void conformingFilesPass() {
        assertThat(english(VIDEO, List.of(file("video/mp4", 100_000_000, 1920, 1080, 179.9)))).isEmpty();
        assertThat(english(VIDEO, List.of(file("video/mp4", 100_000_000, 1080, 1920, 60.0)))).isEmpty();
        assertThat(english(POSTER, List.of(file("image/png", 5_000_000, 3000, 4000, null)))).isEmpty();
    }

    @Test
    void wrongFormatIsReportedCaseInsensitively() {
        assertThat(english(POSTER, List.of(file("IMAGE/JPEG", 1, 3000, 4000, null)))).isEmpty();
        assertThat(english(POSTER, List.of(file("image/gif", 1, 3000, 4000, null))))
                .singleElement().asString().contains("image/gif");
    }

    @Test
    void sizeAboveLimitFailsAndAtLimitPasses() {
        assertThat(english(POSTER, List.of(file("image/png", 20_000_000, 3000, 4000, null)))).isEmpty();
        assertThat(english(POSTER, List.of(file("image/png", 20_000_001, 3000, 4000, null))))
                .singleElement().asString().contains("exceeds");
    }

    @Test
    void resolutionBelowMinimumOrUnmeasuredFails() {
        assertThat(english(POSTER, List.of(file("image/png", 1, 2999, 4000, null))))
                .singleElement().asString().contains("below the minimum");
        assertThat(english(POSTER, List.of(file("image/png", 1, null, null, null))))
                .singleElement().asString().contains("could not be measured");
    }

    @Test
    void aspectRatioWithinTolerancePassesAndOtherwiseFails() {
        assertThat(english(VIDEO, List.of(file("video/mp4", 1, 1918, 1080, 10.0)))).isEmpty();
        assertThat(english(VIDEO, List.of(file("video/mp4", 1, 1440, 1080, 10.0))))
                .singleElement().asString().contains("aspect ratio");
    }

    @Test
    void videoTooLongOrWithoutDurationFails() {
        assertThat(english(VIDEO, List.of(file("video/mp4", 1, 1920, 1080, 180.5))))
                .singleElement().asString().contains("longer than");
        assertThat(english(VIDEO, List.of(file("video/mp4", 1, 1920, 1080, null))))
                .singleElement().asString().contains("duration could not be measured");
    }

    @Test
    void everyBrokenRuleOfEveryFileIsReported() {
        var problems = english(VIDEO, List.of(file("video/quicktime", 600_000_000, 640, 480, 300.0),
                file("video/mp4", 1, 1920, 1080, 30.0)));
        assertThat(problems).hasSize(5).allMatch(p -> p.startsWith("file 1"));
    }

    @Test
    void everyMessageExistsInChineseToo() {
        List<Msg> problems = VIDEO.violations(List.of(file("video/quicktime", 600_000_000, 640, 480, 300.0)));
        assertThat(problems).hasSize(5).allSatisfy(p -> assertThat(p.in(Messages.CHINESE))
                .startsWith("第 1 个文件").doesNotContain(p.key()));
        assertThat(english(VIDEO, List.of(file("video/mp4", 600_000_000, 1920, 1080, 30.0))))
                .containsExactly("file 1: 600000000 bytes exceeds the limit of 500000000 bytes");
    }

    @Test
    void noRulesAcceptAnyMeasuredFile() {
        MediaRules none = new MediaRules(null, null, null, null, null, null);
        assertThat(english(none, List.of(file("application/pdf", 1, null, null, null)))).isEmpty();
    }

    @Test
    void ratiosParseOnlyAsPositiveWidthColonHeight() {
        assertThat(MediaRules.parseRatio("16:9")).isEqualTo(16.0 / 9);
        assertThat(MediaRules.parseRatio("16/9")).isNaN();
        assertThat(MediaRules.parseRatio("0:9")).isNaN();
        assertThat(MediaRules.parseRatio(null)).isNaN();
    }
}
