package cn.kepu.media.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.media.MediaFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Playwright journeys (src/main/webui/e2e, one per role: teacher, moderator, organizer, judge, the public, a
 * reporter) in Debian's Chromium against this test's running service and its real stores, on every run of the suite.
 * The journeys' own assertions decide; their output is in target/playwright.log, the screenshots of every screen in
 * target/playwright/screenshots and, for a failed step, a trace and screenshots in target/playwright/results
 * ({@code npx playwright show-trace …/trace.zip}).
 *
 * <p>The teacher uploads a real clip made here by the service's own ffmpeg (H.264/AAC, padded past two multipart
 * parts), so the poster and preview renditions exist and the judge's and reporter's screens show the video.
 * Needs {@code /usr/bin/chromium} (or {@code CHROME_PATH}) and a CJK font: {@code deploy/local/test.sh} installs the
 * Debian packages {@code chromium} and {@code fonts-noto-cjk} when they are missing; Quinoa's build installs the npm
 * packages (with {@code @playwright/test}) from the lock file.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class WebAppBrowserJourneysTest {

    private static final Path UI = Path.of("src/main/webui");
    private static final Path LOG = Path.of("target/playwright.log");
    /** The test profile's multipart part size is 5 MiB: the clip spans three parts, the journey cuts the second. */
    private static final int VIDEO_BYTES = 12 * 1024 * 1024 + 123_457;

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyRoleDoesItsJobInARealBrowser() throws IOException, InterruptedException {
        String chromium = System.getenv().getOrDefault("CHROME_PATH", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Chromium (deploy/local/test.sh installs the Debian package)").isExecutable();
        Files.createDirectories(LOG.getParent());
        Path video = Path.of("target/playwright/quantum.mp4");
        Files.createDirectories(video.getParent());
        Files.write(video, MediaFixtures.padded(MediaFixtures.clip("mp4", 640, 360, 4), VIDEO_BYTES));

        ProcessBuilder builder = new ProcessBuilder(List.of("npx", "--no-install", "playwright", "test"))
                .directory(UI.toFile())
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        builder.environment().put("BASE_URL", root.toString().replaceAll("/$", ""));
        builder.environment().put("CHROME_PATH", chromium);
        builder.environment().put("JOURNEY_VIDEO", video.toAbsolutePath().toString());
        builder.environment().put("CI", "true");
        Process process = builder.start();
        boolean finished = process.waitFor(12, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        String log = Files.readString(LOG);
        System.out.println(log);
        assertThat(finished).as("journeys finished within 12 minutes:%n%s", log).isTrue();
        assertThat(process.exitValue()).as("Playwright journeys (see target/playwright.log):%n%s", log).isZero();
    }
}
