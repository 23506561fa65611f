package cn.kepu.media.notifications;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.notifications.Recipients.Person;
import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Mailbox;
import cn.kepu.media.testsupport.Mailbox.Mail;
import cn.kepu.media.testsupport.TestClock;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every notification through the real path: an API call commits the event and its outbox row, the sender mails it
 * through the local SMTP server, and the test reads the recipient's mailbox over IMAP: once, in their language.
 */
@QuarkusTest
class NotificationDeliveryTest {

    static final Duration SETTLE = Duration.ofSeconds(3);
    static final String MODERATE = """
            mutation($input: ModerateInput!) { moderate(input: $input) { id status } }""";

    @Inject
    JudgingReminders reminders;
    @Inject
    TestClock clock;

    GraphQL organizer;
    GraphQL moderator;

    @BeforeEach
    void signIn() {
        organizer = GraphQL.as("organizer1");
        moderator = GraphQL.as("moderator1");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void entrantsHearOfReceiptAndModerationOnceEachInTheirOwnLanguage() {
        String contest = contest("通知测试征集", null);
        Person english = Recipients.register("entrant-en", "ENTRANT", "EN", "University of Testing");
        Person chinese = Recipients.register("entrant-zh", "ENTRANT", "ZH", "测试大学");
        String enSubmission = submitPoster(english, contest, "Quantum dots explained");
        String zhSubmission = submitPoster(chinese, contest, "量子点一图读懂");

        Mail enReceived = single(english.mailbox().awaitKind("ENTRY_RECEIVED"));
        assertThat(enReceived.language()).isEqualTo("en");
        assertThat(enReceived.subject()).startsWith("[Science Week] We received your entry E-");
        assertThat(enReceived.body()).contains("Dear entrant-en-", "\"Quantum dots explained\"", "通知测试征集",
                "waits for content review");
        Mail zhReceived = single(chinese.mailbox().awaitKind("ENTRY_RECEIVED"));
        assertThat(zhReceived.language()).isEqualTo("zh-CN");
        assertThat(zhReceived.subject()).startsWith("【科技周科普作品征集】已收到您的参赛作品 E-");
        assertThat(zhReceived.body()).contains("《量子点一图读懂》", "等待内容审核").doesNotContain("Dear");

        moderator.run(MODERATE, Map.of("input", Map.of("submissionId", enSubmission, "stage", "ENTRY",
                "decision", "REJECT", "reasonCode", "SCIENTIFIC_ERROR", "note", "The band gap figure is wrong."))).ok();
        moderator.run(MODERATE, Map.of("input", Map.of("submissionId", zhSubmission, "stage", "ENTRY",
                "decision", "APPROVE", "reasonCode", "OK"))).ok();

        Mail rejected = single(english.mailbox().awaitKind("MODERATION_DECISION"));
        assertThat(rejected.subject()).contains("not approved");
        assertThat(rejected.body()).contains("Reason: contains a scientific error",
                "Moderator's note: The band gap figure is wrong.", "submit it again before");
        Mail approved = single(chinese.mailbox().awaitKind("MODERATION_DECISION"));
        assertThat(approved.subject()).contains("参赛审核结果：通过");
        assertThat(approved.body()).contains("作品已进入评审环节").doesNotContain("原因");

        // Nothing arrives twice, however long the sender keeps polling.
        assertThat(english.mailbox().kindAfter("ENTRY_RECEIVED", SETTLE)).hasSize(1);
        assertThat(english.mailbox().messages()).hasSize(2);
        assertThat(chinese.mailbox().messages()).hasSize(2);
    }

    @Test
    void judgesAreInvitedOnceToldOfNewAssignmentsAndRemindedOncePerRoundBeforeTheDeadline() {
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Asia/Shanghai"));
        String contest = contest("评审通知测试", now.plusDays(5));
        Person judge = Recipients.register("judge-en", "JUDGE", "EN", "Institute of Judging");
        Person entrant = Recipients.register("entrant", "ENTRANT", "ZH", "某中学");
        String first = submitPoster(entrant, contest, "第一件");
        String second = submitPoster(entrant, contest, "第二件");
        for (String s : List.of(first, second)) {
            moderator.run(MODERATE, Map.of("input", Map.of("submissionId", s, "stage", "ENTRY", "decision", "APPROVE",
                    "reasonCode", "OK"))).ok();
        }

        String setPanel = "mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c, judges: $j) }";
        organizer.run(setPanel, Map.of("c", contest, "j", List.of(Map.of("judgeId", judge.id())))).ok();
        organizer.run(setPanel, Map.of("c", contest, "j", List.of(Map.of("judgeId", judge.id())))).ok();
        Mail invitation = single(judge.mailbox().awaitKind("PANEL_INVITATION"));
        assertThat(invitation.subject()).isEqualTo("[Science Week] You are invited to judge \"评审通知测试\"");
        assertThat(invitation.body()).contains("Judging closes on", "Asia/Shanghai");

        String round = organizer.run("query($c: ID!) { contest(id: $c) { rounds { id } } }", Map.of("c", contest)).ok()
                .string("contest.rounds[0].id");
        String assign = "mutation($r: ID!, $s: ID!, $j: ID!) { assignJudge(roundId: $r, submissionId: $s, judgeId: $j) { id } }";
        organizer.run(assign, Map.of("r", round, "s", first, "j", judge.id())).ok();
        organizer.run(assign, Map.of("r", round, "s", second, "j", judge.id())).ok();
        List<Mail> assigned = judge.mailbox().await(
                mails -> mails.stream().filter(m -> "NEW_ASSIGNMENT".equals(m.kind()))
                        .mapToInt(m -> m.body().split("entry E-", -1).length - 1).sum() == 2,
                Mailbox.DELIVERY).stream().filter(m -> "NEW_ASSIGNMENT".equals(m.kind())).toList();
        assertThat(assigned).isNotEmpty();
        assertThat(String.join("\n", assigned.stream().map(Mail::body).toList())).contains("评审通知测试 · 初评 · entry E-");

        // Five days before the deadline nobody is reminded; within 48 hours once, with the count left, however often
        // the check runs (it runs on every instance).
        assertThat(reminders.remindJudges()).isZero();
        clock.advance(Duration.ofDays(4));
        assertThat(reminders.remindJudges()).isEqualTo(1);
        assertThat(reminders.remindJudges()).isZero();
        Mail reminder = single(judge.mailbox().awaitKind("JUDGING_REMINDER"));
        assertThat(reminder.subject()).isEqualTo("[Science Week] Judging closes soon: 2 entries left to score");
        assertThat(judge.mailbox().kindAfter("PANEL_INVITATION", SETTLE)).hasSize(1);
        assertThat(judge.mailbox().kindAfter("JUDGING_REMINDER", Duration.ZERO)).hasSize(1);
    }

    @Test
    void everyAcceptedEntrantHearsTheResultsOnceAwardedOrNot() {
        String contest = contest("结果通知测试", null);
        Person winner = Recipients.register("winner", "ENTRANT", "ZH", "获奖大学");
        Person other = Recipients.register("other", "ENTRANT", "EN", "Other College");
        String won = submitPoster(winner, contest, "获奖作品");
        String lost = submitPoster(other, contest, "Unawarded work");
        for (String s : List.of(won, lost)) {
            moderator.run(MODERATE, Map.of("input", Map.of("submissionId", s, "stage", "ENTRY", "decision", "APPROVE",
                    "reasonCode", "OK"))).ok();
        }
        organizer.run("mutation($s: ID!) { assignAward(submissionId: $s, tier: FIRST_PRIZE) { id } }",
                Map.of("s", won)).ok();
        moderator.run(MODERATE, Map.of("input", Map.of("submissionId", won, "stage", "PUBLICATION",
                "decision", "APPROVE", "reasonCode", "OK"))).ok();
        // Results come after the submission deadline (contest rules): move the deadline into the past, as the journey
        // test does; the clock stays real because search compares publication times with it.
        OffsetDateTime closed = OffsetDateTime.now(ZoneOffset.UTC);
        organizer.run("mutation($id: ID!, $s: ContestScheduleInput!) { rescheduleContest(id: $id, schedule: $s) { open } }",
                Map.of("id", contest, "s", Map.of("submissionOpensAt", closed.minusDays(1).toString(),
                        "submissionClosesAt", closed.minusSeconds(1).toString()))).ok();
        organizer.run("mutation($c: ID!) { publishResults(contestId: $c) { tier } }", Map.of("c", contest)).ok();

        Mail congratulations = single(winner.mailbox().awaitKind("RESULTS_PUBLISHED"));
        assertThat(congratulations.subject()).isEqualTo("【科技周科普作品征集】“结果通知测试”评审结果已公布");
        assertThat(congratulations.body()).contains("荣获一等奖", "《获奖作品》");
        Mail thanks = single(other.mailbox().awaitKind("RESULTS_PUBLISHED"));
        assertThat(thanks.body()).contains("did not receive an award", "\"Unawarded work\"");
        assertThat(winner.mailbox().kindAfter("MODERATION_DECISION", Duration.ZERO))
                .as("entry and publication reviews").hasSize(2);
        assertThat(other.mailbox().kindAfter("RESULTS_PUBLISHED", SETTLE)).hasSize(1);
    }

    @Test
    void aKindSwitchedOffIsNotSentWhileTheOthersStillAre() {
        String contest = contest("偏好测试征集", null);
        Person entrant = Recipients.register("quiet", "ENTRANT", "ZH", "安静大学");
        var prefs = entrant.client().run("mutation { setNotificationPreference(kind: ENTRY_RECEIVED, enabled: false)"
                + " { kind enabled } }").ok();
        assertThat(prefs.<Boolean>data("setNotificationPreference.enabled")).isFalse();
        var all = entrant.client().run("{ myNotificationPreferences { kind enabled } }").ok();
        assertThat(all.<List<String>>data("myNotificationPreferences.kind")).hasSize(NotificationKind.values().length);
        assertThat(all.<List<Boolean>>data("myNotificationPreferences.enabled")).containsOnlyOnce(false);

        String s = submitPoster(entrant, contest, "不想收邮件");
        moderator.run(MODERATE, Map.of("input", Map.of("submissionId", s, "stage", "ENTRY", "decision", "APPROVE",
                "reasonCode", "OK"))).ok();
        assertThat(entrant.mailbox().awaitKind("MODERATION_DECISION")).hasSize(1);
        assertThat(entrant.mailbox().kindAfter("ENTRY_RECEIVED", SETTLE)).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A contest open now for two hours; with a judging deadline when given. */
    String contest(String title, OffsetDateTime judgingClosesAt) {
        Map<String, Object> input = new HashMap<>(Contests.input(title, Duration.ofHours(2), 3));
        if (judgingClosesAt != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> schedule = new HashMap<>((Map<String, Object>) input.get("schedule"));
            schedule.put("judgingOpensAt", OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusMinutes(30).toString());
            schedule.put("judgingClosesAt", judgingClosesAt.toString());
            input.put("schedule", schedule);
        }
        return organizer.run(Contests.CREATE, Map.of("input", input)).ok().string("createContest.id");
    }

    static String submitPoster(Person entrant, String contest, String title) {
        String work = work(entrant.client(), "POSTER", title);
        TestMediaFacts.register(work, TestMediaFacts.png(3000, 4000));
        return entrant.client().run(SUBMIT, submission(contest, "POSTER", work)).ok().string("submitEntry.id");
    }

    static Mail single(List<Mail> mails) {
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }
}
