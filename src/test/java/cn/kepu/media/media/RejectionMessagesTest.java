package cn.kepu.media.media;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.MsgJson;
import cn.kepu.media.testsupport.Languages;
import cn.kepu.media.works.WorkKind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 11, the rejection of an upload: every detail the inspector can give exists in Simplified Chinese and
 * in English, the Chinese text carries no English sentence and the English none of Chinese, whole messages included
 * (frame, reason, detail), and a detail stored as key and arguments renders the same after the round trip. Runs on
 * the sources and bundles, without the stack.
 */
class RejectionMessagesTest {

    private static final Path INSPECTOR = Path.of("src/main/java/cn/kepu/media/media/MediaInspector.java");
    private static final Path WORKER = Path.of("src/main/java/cn/kepu/media/media/RenditionWorker.java");
    private static final Pattern KEY = Pattern.compile("\"(media\\.(?:rejected|rendition)\\.[A-Za-z]+)\"");
    private static final Pattern ARG = Pattern.compile("\\{(\\d+)(,number)?");
    private static final Pattern ENGLISH_WORDS = Languages.ENGLISH_WORDS;
    private static final Pattern HAN = Languages.HAN;

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/i18n/media_" + language
                + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The stored-message keys the inspector and the rendition worker name. */
    private static Set<String> keysInCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path source : List.of(INSPECTOR, WORKER)) {
            Matcher m = KEY.matcher(Files.readString(source));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /**
     * Every stored message (rejection details, rendition messages; in the code or only in stored rows), with
     * arguments of the kinds its pattern formats.
     */
    private static List<Msg> everyDetail() throws IOException {
        Set<String> keys = new TreeSet<>(keysInCode());
        Properties en = bundle("en");
        for (String key : en.stringPropertyNames()) {
            if (key.startsWith("media.rejected.") || key.startsWith("media.rendition.")) {
                keys.add(key);
            }
        }
        List<Msg> details = new ArrayList<>();
        for (String key : keys) {
            String pattern = en.getProperty(key, "");
            List<Object> args = new ArrayList<>();
            Matcher arg = ARG.matcher(pattern);
            while (arg.find()) {
                int index = Integer.parseInt(arg.group(1));
                while (args.size() <= index) {
                    args.add(null);
                }
                args.set(index, arg.group(2) != null ? (Object) 1234L
                        : key.endsWith("typeNotAllowed") && index == 1 ? Msg.of("works.kind.SHORT_VIDEO")
                        : "image/png");
            }
            details.add(Msg.of(key, args.toArray()));
        }
        return details;
    }

    @Test
    void theInspectorGivesEveryDetailAsAMessageKey() throws IOException {
        String source = Files.readString(INSPECTOR);
        int refusals = source.split("new Rejected\\(", -1).length - 1;
        int keyed = source.split("new Rejected\\(\\s*Rejection\\.\\w+,\\s*\"media\\.rejected\\.", -1).length - 1;
        assertThat(refusals).as("refusals in MediaInspector").isGreaterThan(20);
        assertThat(keyed).as("refusals whose detail is a media.rejected.* key").isEqualTo(refusals);
        assertThat(keysInCode()).hasSizeGreaterThan(25);
        assertThat(Files.readString(WORKER)).as("rendition messages are keys, not English text")
                .doesNotContain("r.message = \"").doesNotContain("String reason = ");
    }

    @Test
    void everyDetailExistsInBothLanguagesAndEachIsInItsOwnLanguage() throws IOException {
        Properties zh = bundle("zh");
        Properties en = bundle("en");
        List<String> problems = new ArrayList<>();
        for (Msg detail : everyDetail()) {
            if (!zh.containsKey(detail.key()) || !en.containsKey(detail.key())) {
                problems.add(detail.key() + " is missing in " + (zh.containsKey(detail.key()) ? "English" : "Chinese"));
                continue;
            }
            check(detail.in(Messages.CHINESE), detail.in(Messages.ENGLISH), detail.key(), problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void wholeRejectionMessagesAreInOneLanguageForEveryReason() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Rejection reason : Rejection.values()) {
            assertThat(Messages.has("media.rejection." + reason.name())).as(reason.name()).isTrue();
            for (Msg detail : everyDetail()) {
                Msg whole = UploadService.rejectedMessage(reason, detail);
                String zh = whole.in(Messages.CHINESE);
                String en = whole.in(Messages.ENGLISH);
                check(zh, en, reason + "/" + detail.key(), problems);
                assertThat(zh).startsWith(reason.name() + "：");
                assertThat(en).startsWith(reason.name() + ":");
            }
        }
        for (WorkKind kind : WorkKind.values()) {
            check(Msg.of("works.kind." + kind.name()).in(Messages.CHINESE),
                    "a " + Msg.of("works.kind." + kind.name()).in(Messages.ENGLISH), kind.name(), problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aStoredDetailRendersAsTheOriginalInEitherLanguage() throws IOException {
        for (Msg detail : everyDetail()) {
            Msg stored = MsgJson.read(MsgJson.write(detail));
            assertThat(stored.key()).isEqualTo(detail.key());
            assertThat(stored.in(Messages.CHINESE)).isEqualTo(detail.in(Messages.CHINESE));
            assertThat(stored.in(Messages.ENGLISH)).isEqualTo(detail.in(Messages.ENGLISH));
        }
        Msg small = Msg.of("media.rejected.imageTooSmall", 480, 480, 1000);
        assertThat(small.in(Messages.CHINESE)).isEqualTo("480 × 480 像素：短边至少应为 1000 像素");
        assertThat(small.in(Messages.ENGLISH)).isEqualTo("480 × 480 px: the short side must be at least 1000 px");
        assertThat(MsgJson.write(small)).isEqualTo("{\"key\":\"media.rejected.imageTooSmall\",\"args\":[480,480,1000]}");
    }

    private static void check(String zh, String en, String what, List<String> problems) {
        if (!HAN.matcher(zh).find()) {
            problems.add(what + ": the Chinese text has no Chinese: " + zh);
        }
        Matcher english = ENGLISH_WORDS.matcher(zh);
        if (english.find()) {
            problems.add(what + ": the Chinese text has English words (" + english.group() + "): " + zh);
        }
        if (HAN.matcher(en).find()) {
            problems.add(what + ": the English text has Chinese characters: " + en);
        }
        if (zh.equals(en)) {
            problems.add(what + ": the same text in both languages: " + zh);
        }
    }
}
