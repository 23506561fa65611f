package cn.kepu.media.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind renders in both languages, with every optional param present and with each one missing: a template
 * that trips over a missing key would fail its rows again and again in production.
 */
@QuarkusTest
class NotificationTemplatesTest {

    @Inject
    NotificationTemplates templates;

    /** The fullest params each kind's producers write (NotificationTriggers, JudgingReminders, the sender, publishing). */
    static Map<String, Object> full(NotificationKind kind) {
        Map<String, Object> p = new HashMap<>();
        p.put("contestId", "c-1");
        p.put("contestTitle", "量子科普征集");
        p.put("submissionId", "s-1");
        p.put("entryCode", "E-ABCDEFGH");
        p.put("workTitle", "量子点");
        p.put("zone", "Asia/Shanghai");
        p.put("deadline", "2026-12-03T10:00:00Z");
        switch (kind) {
            case ENTRY_RECEIVED -> p.put("submittedAt", "2026-12-01T10:00:00Z");
            case MODERATION_DECISION -> {
                p.put("stage", "ENTRY");
                p.put("decision", "REJECT");
                p.put("reasonCode", "COPYRIGHT");
                p.put("note", "图片来源不明");
                p.put("approved", false);
                p.put("publication", false);
                p.put("canResubmit", true);
            }
            case RESULTS_PUBLISHED -> {
                p.put("awarded", true);
                p.put("awardTier", "SECOND_PRIZE");
                p.put("workId", "w-1");
            }
            case NEW_ASSIGNMENT -> {
                p.put("assignmentId", "a-1");
                p.put("roundName", "初评");
                p.put("roundNumber", 1);
            }
            case JUDGING_REMINDER -> {
                p.put("roundName", "初评");
                p.put("remaining", 3);
            }
            case PUBLICATION_DECISION -> {
                p.put("workId", "w-1");
                p.put("requestId", "r-1");
                p.put("decision", "APPROVE");
                p.put("reasonCode", "OK");
                p.put("note", "");
                p.put("approved", true);
                p.put("releaseAt", "2026-12-05T02:00:00Z");
            }
            case WORK_TAKEN_DOWN -> {
                p.put("workId", "w-1");
                p.put("reason", "权利人投诉");
            }
            case SAVED_SEARCH_ALERT -> {
                p.put("savedSearchId", "q-1");
                p.put("searchName", "量子");
                p.put("workId", "w-1");
            }
            default -> {
            }
        }
        return p;
    }

    /** Params a producer may leave out. */
    static final List<String> OPTIONAL = List.of("deadline", "note", "awardTier", "submittedAt", "releaseAt");

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void rendersInBothLanguagesWithAndWithoutOptionalParams(NotificationKind kind) {
        for (String language : List.of("zh", "en")) {
            Map<String, Object> params = full(kind);
            var rendered = templates.render(kind, language, "收件人", List.of(params, params));
            assertThat(rendered.subject()).isNotBlank().doesNotContain("\n");
            assertThat(rendered.body()).contains("收件人").doesNotContain("{p.", "{item.", "NOT_FOUND");
            for (String optional : OPTIONAL) {
                Map<String, Object> without = new HashMap<>(params);
                without.remove(optional);
                assertThat(templates.render(kind, language, "x", List.of(without)).body()).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void chineseMailsAreChineseAndEnglishMailsAreEnglish(NotificationKind kind) {
        var zh = templates.render(kind, "zh", "林", List.of(full(kind)));
        var en = templates.render(kind, "en", "Lin", List.of(full(kind)));
        assertThat(zh.body()).contains("全国科技活动周组委会").doesNotContain("Dear");
        assertThat(en.body()).contains("Dear Lin", "Science Week organizing committee");
        assertThat(en.subject()).doesNotContain("【");
    }
}
