package cn.kepu.media.search;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.TestWorks.Spec;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Mailbox;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Outlets save searches; a work that becomes public and matches one is mailed to its outlet once, in the outlet's
 * language (the SMTP server's mailbox is read), and nobody else's.
 */
@QuarkusTest
class SavedSearchAlertsTest {

    private static final String SAVE = """
            mutation($input: SavedSearchInput!) { saveSearch(input: $input) {
              id name query alerts filter { kinds hasFiles } } }""";

    @Inject
    SavedSearchAlerts alerts;

    @AfterAll
    static void cleanUp() {
        TestWorks.deleteAll();
    }

    record Outlet(GraphQL client, Mailbox mailbox) {
    }

    @Test
    void aNewlyPublishedMatchIsMailedOnceInEachOutletsLanguageAndOnlyToMatchingSearches() {
        String word = LibrarySearchTest.uniqueWord();
        Outlet english = outlet("EN");
        Outlet chinese = outlet("ZH");
        Outlet photos = outlet("EN");
        String englishSearch = english.client().run(SAVE, Map.of("input", Map.of("name", "Deep sea " + word,
                "query", word, "filter", Map.of("kinds", List.of("POSTER"))))).ok().string("saveSearch.id");
        chinese.client().run(SAVE, Map.of("input", Map.of("name", "深海 " + word, "query", word))).ok();
        photos.client().run(SAVE, Map.of("input", Map.of("name", "photos " + word, "query", word,
                "filter", Map.of("kinds", List.of("PHOTO"))))).ok();
        var listed = english.client().run("{ mySavedSearches { id name query alerts filter { kinds } } }").ok();
        assertThat(listed.<List<String>>data("mySavedSearches.id")).containsExactly(englishSearch);
        assertThat(listed.<List<String>>data("mySavedSearches[0].filter.kinds")).containsExactly("POSTER");

        // Not yet public (a future release time), then public: only the public one is announced.
        UUID poster = TestWorks.create(Spec.published("深海探测 " + word).titleEn("Deep sea " + word)
                .kind(WorkKind.POSTER));
        UUID later = TestWorks.create(Spec.published("深海预告 " + word).kind(WorkKind.POSTER)
                .status(WorkStatus.PUBLISHED, TestWorks.now().plus(Duration.ofHours(1))));
        UUID unrelated = TestWorks.create(Spec.published("量子计算 " + LibrarySearchTest.uniqueWord()));

        List<Mailbox.Mail> mails = awaitAlert(english.mailbox());
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().language()).isEqualTo("en");
        assertThat(mails.getFirst().subject()).isEqualTo("[Science Week library] 1 new work matches your saved searches");
        assertThat(mails.getFirst().body()).contains("深海探测 " + word, "/works/" + poster)
                .doesNotContain(later.toString()).doesNotContain(unrelated.toString());

        List<Mailbox.Mail> zh = awaitAlert(chinese.mailbox());
        assertThat(zh).hasSize(1);
        assertThat(zh.getFirst().subject()).isEqualTo("【科普作品库】您保存的检索有 1 件新作品");
        assertThat(zh.getFirst().body()).contains("/works/" + poster);

        // Further passes announce nothing again; the photo search never matched a poster.
        alerts.scan();
        assertThat(english.mailbox().kindAfter("SAVED_SEARCH_ALERT", Duration.ofSeconds(2))).hasSize(1);
        assertThat(photos.mailbox().kindAfter("SAVED_SEARCH_ALERT", Duration.ZERO)).isEmpty();
    }

    @Test
    void savedSearchesBelongToOneOutletAndAreForOutletsOnly() {
        Outlet one = outlet("ZH");
        Outlet other = outlet("ZH");
        String id = one.client().run(SAVE, Map.of("input", Map.of("name", "能源", "query", "新能源",
                "filter", Map.of("hasFiles", true)))).ok().string("saveSearch.id");

        var replaced = one.client().run(SAVE, Map.of("input", Map.of("id", id, "name", "新能源电池", "query", "电池",
                "alerts", false))).ok();
        assertThat(replaced.string("saveSearch.name")).isEqualTo("新能源电池");
        assertThat(replaced.<Boolean>data("saveSearch.alerts")).isFalse();
        assertThat(replaced.<Object>data("saveSearch.filter")).isNull();

        assertThat(other.client().run(SAVE, Map.of("input", Map.of("id", id, "name", "x"))).errorCode())
                .isEqualTo("NOT_FOUND");
        assertThat(other.client().run("mutation($id: ID!) { deleteSavedSearch(id: $id) }", Map.of("id", id))
                .errorCode()).isEqualTo("NOT_FOUND");
        assertThat(other.client().run("{ mySavedSearches { id } }").ok().<List<String>>data("mySavedSearches.id"))
                .isEmpty();
        assertThat(GraphQL.as("entrant1").run(SAVE, Map.of("input", Map.of("name", "x"))).errorCode())
                .isEqualTo("FORBIDDEN");
        var blank = one.client().run(SAVE, Map.of("input", Map.of("name", " ")));
        assertThat(blank.errorCode()).isEqualTo("VALIDATION");
        assertThat(blank.errorField()).isEqualTo("input.name");

        assertThat(one.client().run("mutation($id: ID!) { deleteSavedSearch(id: $id) }", Map.of("id", id)).ok()
                .string("deleteSavedSearch")).isEqualTo(id);
        assertThat(one.client().run("{ mySavedSearches { id } }").ok().<List<String>>data("mySavedSearches.id"))
                .isEmpty();
    }

    /** Runs alert passes (the test profile schedules none) until the mailbox holds a saved-search alert. */
    private List<Mailbox.Mail> awaitAlert(Mailbox mailbox) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            alerts.scan();
            List<Mailbox.Mail> mails = mailbox.messages().stream()
                    .filter(m -> "SAVED_SEARCH_ALERT".equals(m.kind())).toList();
            if (!mails.isEmpty()) {
                return mails;
            }
            Searching.sleep(300);
        }
        throw new AssertionError("no saved-search alert reached " + mailbox.address());
    }

    private static Outlet outlet(String language) {
        String subject = "outlet-" + UUID.randomUUID().toString().substring(0, 8);
        GraphQL client = GraphQL.asSubject(subject, "MEDIA");
        String address = Mailbox.freshAddress("outlet");
        Map<String, Object> input = new HashMap<>();
        input.put("displayName", subject);
        input.put("organizationType", "MEDIA_OUTLET");
        input.put("organization", "科技日报");
        input.put("region", "BEIJING");
        input.put("email", address);
        input.put("language", language);
        client.run("mutation($input: RegisterInput!) { register(input: $input) { id } }", Map.of("input", input)).ok();
        return new Outlet(client, Mailbox.of(address));
    }
}
