package cn.kepu.media.audit;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Languages;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 11 for the audit log: an event's detail is stored as a message key and arguments and read over GraphQL
 * in the reader's language (Accept-Language, Chinese by default): the Chinese answer has no English sentence, the
 * English one no Chinese character. Events recorded before (a stored text only) still read as they were stored.
 */
@QuarkusTest
class AuditDetailsLanguageTest {

    static final GraphQL ORGANIZER = GraphQL.as("organizer1");
    static final GraphQL MODERATOR = GraphQL.as("moderator1");
    static final String LOG = "query($c: ID!) { auditLog(contestId: $c) { action detail } }";
    /** Details that are the user's own words (a contest's title), shown as typed in every language. */
    static final List<String> USERS_WORDS = List.of("CONTEST_CREATED");

    @Inject
    EntityManager em;

    @Test
    void detailsAreReadInTheReadersLanguageAndOldRowsAsStored() {
        String contest = ORGANIZER.run(Contests.CREATE, Map.of("input", Contests.input("审计详情的语言",
                Duration.ofHours(1), 1))).ok().string("createContest.id");
        Instant now = Instant.now();
        ORGANIZER.run("mutation($id: ID!, $s: ContestScheduleInput!) { rescheduleContest(id: $id, schedule: $s) {"
                + " open } }", Map.of("id", contest, "s", Map.of(
                        "submissionOpensAt", now.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toString(),
                        "submissionClosesAt", now.plus(Duration.ofHours(2)).atOffset(ZoneOffset.UTC).toString())))
                .ok();
        var entrant = Contests.register("audit-language", "ENTRANT", "某科普基地", "YUNNAN");
        String workId = work(entrant.client(), "POSTER", "审计语言作品");
        TestMediaFacts.register(workId, TestMediaFacts.png(3000, 4000));
        String entry = entrant.client().run(SUBMIT, submission(contest, "POSTER", workId)).ok()
                .string("submitEntry.id");
        moderate(entry, "ENTRY", "APPROVE", "OK", null);
        ORGANIZER.run("mutation($s: ID!) { assignAward(submissionId: $s, tier: FIRST_PRIZE) { id } }",
                Map.of("s", entry)).ok();
        // Loses its award with "rejected at publication review" (was stored in English only).
        moderate(entry, "PUBLICATION", "REJECT", "COPYRIGHT", "ref-7");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into audit_event (contest_id, action,"
                        + " entity_type, entity_id, detail) values (?1, 'PANEL_SET', 'Contest', ?2, '3 judges')")
                .setParameter(1, UUID.fromString(contest)).setParameter(2, contest).executeUpdate());

        var zh = ORGANIZER.run(LOG, Map.of("c", contest)).ok();
        var en = ORGANIZER.acceptLanguage("en-US,en;q=0.9").run(LOG, Map.of("c", contest)).ok();
        List<String> actions = zh.data("auditLog.action");
        assertThat(en.<List<String>>data("auditLog.action")).isEqualTo(actions);
        assertThat(actions).containsExactly("PANEL_SET", "MODERATED_PUBLICATION_REJECT", "AWARD_REMOVED", "AWARDED",
                "MODERATED_ENTRY_APPROVE", "SUBMITTED", "CONTEST_RESCHEDULED", "CONTEST_CREATED");
        Map<String, String> chinese = details(zh.data("auditLog.action"), zh.data("auditLog.detail"));
        Map<String, String> english = details(en.data("auditLog.action"), en.data("auditLog.detail"));

        assertThat(chinese.get("PANEL_SET")).as("an event recorded before: its stored text").isEqualTo("3 judges");
        assertThat(english.get("PANEL_SET")).isEqualTo("3 judges");
        for (String action : actions) {
            if (action.equals("PANEL_SET") || USERS_WORDS.contains(action)) {
                continue;
            }
            assertThat(Languages.chineseOnly(chinese.get(action))).as("%s in Chinese: %s", action,
                    chinese.get(action)).isTrue();
            assertThat(Languages.englishOnly(english.get(action))).as("%s in English: %s", action,
                    english.get(action)).isTrue();
        }
        assertThat(chinese.get("AWARD_REMOVED")).isEqualTo("奖项已撤销：发布审核未通过");
        assertThat(english.get("AWARD_REMOVED")).isEqualTo("Award removed: rejected at publication review");
        assertThat(chinese.get("AWARDED")).isEqualTo("授予一等奖");
        assertThat(english.get("AWARDED")).isEqualTo("Awarded the first prize");
        assertThat(chinese.get("MODERATED_PUBLICATION_REJECT")).isEqualTo("理由：存在版权问题；备注：ref-7");
        assertThat(english.get("MODERATED_PUBLICATION_REJECT")).isEqualTo("Reason: copyright problem; note: ref-7");
        assertThat(chinese.get("MODERATED_ENTRY_APPROVE")).isEqualTo("理由：符合要求");
        assertThat(chinese.get("SUBMITTED")).isEqualTo("作品 " + workId + "，类别 POSTER");
        assertThat(english.get("SUBMITTED")).isEqualTo("work " + workId + " in category POSTER");
        assertThat(chinese.get("CONTEST_RESCHEDULED")).startsWith("投稿 ").contains(" 至 ", "，评审 ");
        assertThat(chinese.get("CONTEST_CREATED")).isEqualTo(english.get("CONTEST_CREATED")).isEqualTo("审计详情的语言");
    }

    @Test
    void aStatusInAMessageIsNamedInTheReadersLanguage() {
        // The work's status code (IN_MODERATION) once stood inside the Chinese sentence.
        var entrant = Contests.register("audit-status", "ENTRANT", "某科普基地", "YUNNAN");
        String contest = ORGANIZER.run(Contests.CREATE, Map.of("input", Contests.input("状态名称",
                Duration.ofHours(1), 2))).ok().string("createContest.id");
        String workId = work(entrant.client(), "POSTER", "状态名称作品");
        TestMediaFacts.register(workId, TestMediaFacts.png(3000, 4000));
        entrant.client().run(SUBMIT, submission(contest, "POSTER", workId)).ok();
        String update = "mutation($id: ID!) { requestPublication(input: {workId: $id}) { id } }";
        var zh = entrant.client().run(update, Map.of("id", workId));
        var en = entrant.client().acceptLanguage("en").run(update, Map.of("id", workId));
        assertThat(zh.errorCode()).isEqualTo(en.errorCode()).isEqualTo("CONFLICT");
        assertThat(zh.errorMessage()).contains("审核中").doesNotContain("IN_MODERATION");
        assertThat(Languages.chineseOnly(zh.errorMessage())).as(zh.errorMessage()).isTrue();
        assertThat(en.errorMessage()).contains("is in review").doesNotContain("IN_MODERATION");
    }

    private static void moderate(String submission, String stage, String decision, String reason, String note) {
        Map<String, Object> vars = new HashMap<>(Map.of("s", submission, "st", stage, "d", decision, "r", reason));
        vars.put("n", note);
        MODERATOR.run("mutation($s: ID!, $st: ModerationStage!, $d: Decision!, $r: ReasonCode!, $n: String) {"
                + " moderate(input: {submissionId: $s, stage: $st, decision: $d, reasonCode: $r, note: $n}) { id } }",
                vars).ok();
    }

    private static Map<String, String> details(List<String> actions, List<String> details) {
        Map<String, String> byAction = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            byAction.put(actions.get(i), details.get(i));
        }
        return byAction;
    }
}
