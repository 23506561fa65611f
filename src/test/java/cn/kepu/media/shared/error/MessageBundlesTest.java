package cn.kepu.media.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every client message exists in Simplified Chinese and English (issue 8 item 11), checked on the sources without the
 * stack: each feature bundle has the same keys in {@code _zh} and {@code _en}, with the same placeholders, Chinese
 * texts are Chinese, and every key a {@code Msg.of("…")} names in the code exists in both.
 */
class MessageBundlesTest {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
    private static final Pattern MSG_KEY = Pattern.compile("Msg\\.of\\(\\s*\"([a-zA-Z0-9_.]+)\"");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<String> features() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("_en.properties"))
                    .map(n -> n.substring(0, n.length() - "_en.properties".length())).sorted().toList();
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyBundleHasEveryKeyInChineseAndEnglishWithTheSamePlaceholders() throws IOException {
        List<String> problems = new ArrayList<>();
        assertThat(features()).contains("shared", "works", "contests", "judging", "media", "search");
        for (String feature : features()) {
            Path zhFile = BUNDLES.resolve(feature + "_zh.properties");
            assertThat(zhFile).as("Chinese bundle of %s", feature).exists();
            Properties en = load(BUNDLES.resolve(feature + "_en.properties"));
            Properties zh = load(zhFile);
            for (String key : en.stringPropertyNames()) {
                if (!zh.containsKey(key)) {
                    problems.add(feature + ": " + key + " has no Chinese text");
                } else if (!placeholders(en.getProperty(key)).equals(placeholders(zh.getProperty(key)))) {
                    problems.add(feature + ": " + key + " has other placeholders in Chinese and English");
                }
                if (en.getProperty(key).isBlank()) {
                    problems.add(feature + ": " + key + " is empty in English");
                }
            }
            for (String key : zh.stringPropertyNames()) {
                if (!en.containsKey(key)) {
                    problems.add(feature + ": " + key + " has no English text");
                }
                if (!HAN.matcher(zh.getProperty(key)).find()) {
                    problems.add(feature + ": " + key + " is not Chinese in the Chinese bundle");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyTheCodeNamesExistsInBothLanguages() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = MSG_KEY.matcher(Files.readString(source));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) { // a prefix completed at run time (e.g. + code.name())
                        keys.add(m.group(1));
                    }
                }
            }
        }
        assertThat(keys).as("keys found in the code").hasSizeGreaterThan(50);
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            String feature = key.substring(0, key.indexOf('.'));
            for (String language : List.of("zh", "en")) {
                Path file = BUNDLES.resolve(feature + "_" + language + ".properties");
                if (!Files.exists(file) || !load(file).containsKey(key)) {
                    missing.add(key + " (" + language + ")");
                }
            }
        }
        for (ErrorCode code : List.of(ErrorCode.DATABASE_UNAVAILABLE, ErrorCode.STORAGE_UNAVAILABLE,
                ErrorCode.SEARCH_UNAVAILABLE)) {
            // Built from the code's name (StoreFailures), so not found by the scan above.
            assertThat(Messages.has("shared.unavailable." + code.name())).as(code.name()).isTrue();
        }
        assertThat(missing).isEmpty();
    }

    /**
     * The audit log's details and the status names shown inside messages (issue 8 item 11): each key exists in both
     * languages with different texts, and every value of the enums shown by name has its name in both.
     */
    @Test
    void auditDetailsAndStatusNamesExistInBothLanguagesAndDiffer() throws IOException {
        List<String> keys = new ArrayList<>(List.of("judging.audit.panelSet", "judging.audit.recused",
                "judging.audit.autoAssigned", "judging.audit.assigned", "judging.audit.unassignedConflict",
                "judging.audit.scored", "judging.audit.awardRemoved", "judging.audit.awarded",
                "judging.audit.shortlisted", "judging.audit.resultsPublished", "moderation.audit.decided",
                "moderation.audit.decidedWithNote", "moderation.audit.rejectedAtPublicationReview",
                "publishing.audit.onBehalf", "publishing.audit.onBehalfWithNote", "publishing.audit.cancelled",
                "publishing.audit.republished", "works.audit.brandCreated", "works.audit.brandUnchanged",
                "works.audit.brandChanged", "contests.audit.rescheduled",
                "contests.audit.entry", "contests.audit.resubmitted"));
        Map<String, Enum<?>[]> named = Map.of(
                "works.status.", cn.kepu.media.works.WorkStatus.values(),
                "contests.submissionStatus.", cn.kepu.media.contests.SubmissionStatus.values(),
                "media.uploadStatus.", cn.kepu.media.media.UploadStatus.values(),
                "media.renditionStatus.", cn.kepu.media.media.RenditionStatus.values(),
                "publishing.requestStatus.", cn.kepu.media.publishing.PublicationStatus.values(),
                "judging.awardTier.", cn.kepu.media.judging.AwardTier.values(),
                "judging.method.", cn.kepu.media.judging.Aggregation.Method.values(),
                "moderation.reasonCode.", cn.kepu.media.moderation.ReasonCode.values());
        named.forEach((prefix, values) -> Arrays.stream(values).forEach(v -> keys.add(prefix + v.name())));
        for (String field : List.of("name", "nameEn", "ownerOrganization", "kind", "description", "descriptionEn",
                "logoAssetId", "managerIds")) {
            keys.add("works.brandField." + field);
        }
        assertThat(keys).hasSizeGreaterThan(70);
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            String feature = key.substring(0, key.indexOf('.'));
            String zh = load(BUNDLES.resolve(feature + "_zh.properties")).getProperty(key);
            String en = load(BUNDLES.resolve(feature + "_en.properties")).getProperty(key);
            if (zh == null || en == null) {
                problems.add(key + " is missing in " + (zh == null ? "Chinese" : "English"));
            } else if (zh.equals(en)) {
                problems.add(key + " reads the same in both languages");
            } else if (!HAN.matcher(zh).find() || HAN.matcher(en).find()) {
                problems.add(key + " is not Chinese in Chinese and English in English");
            }
        }
        assertThat(problems).isEmpty();
        // A status inside a sentence is its name in the reader's language, not its code.
        Msg conflict = Msg.of("works.conflict.status", "w1", Msg.of("works.status.IN_MODERATION"));
        assertThat(conflict.in(Messages.CHINESE)).contains("审核中").doesNotContain("IN_MODERATION");
        assertThat(conflict.in(Messages.ENGLISH)).contains("is in review").doesNotContain("IN_MODERATION");
    }
}
