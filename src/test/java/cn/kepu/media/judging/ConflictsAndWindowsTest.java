package cn.kepu.media.judging;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Region conflicts when a contest asks for them, and the server clock closing submissions and judging. */
@QuarkusTest
class ConflictsAndWindowsTest {

    static final String RESCHEDULE = """
            mutation($id: ID!, $s: ContestScheduleInput!) { rescheduleContest(id: $id, schedule: $s) { open } }""";
    static final String ASSIGN = """
            mutation($r: ID!, $s: ID!, $j: ID!) { assignJudge(roundId: $r, submissionId: $s, judgeId: $j) { id } }""";

    @Test
    void sameRegionIsAConflictOnlyWhenTheContestSaysSoAndClosedWindowsRefuseChanges() {
        Map<String, Object> input = new HashMap<>(Contests.input("地区回避", Duration.ofHours(1), 3));
        input.put("conflictSameRegion", true);
        var created = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input", input)).ok();
        String contest = created.string("createContest.id");
        String round = created.string("createContest.rounds[0].id");
        Registered entrant = Contests.register("region-entrant", "ENTRANT", "湖南某中学", "HUNAN");
        String workId = work(entrant.client(), "POSTER", "湘江科普");
        TestMediaFacts.register(workId, TestMediaFacts.png(3000, 4000));
        String sub = entrant.client().run(SUBMIT, submission(contest, "POSTER", workId)).ok().string("submitEntry.id");
        GraphQL.as("moderator1").run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY,"
                + " decision: APPROVE, reasonCode: OK}) { id } }", Map.of("s", sub)).ok();
        Registered sameRegion = Contests.register("region-judge", "JUDGE", "湖南大学", "HUNAN");
        Registered otherRegion = Contests.register("region-judge", "JUDGE", "四川大学", "SICHUAN");
        GraphQL.as("organizer1").run("mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c,"
                + " judges: $j) }", Map.of("c", contest, "j", List.of(Map.of("judgeId", sameRegion.id()),
                        Map.of("judgeId", otherRegion.id())))).ok();

        assertThat(GraphQL.as("organizer1").run(ASSIGN, Map.of("r", round, "s", sub, "j", sameRegion.id())).errorCode())
                .isEqualTo("CONFLICT");
        GraphQL.as("organizer1").run(ASSIGN, Map.of("r", round, "s", sub, "j", otherRegion.id())).ok();

        // Close submissions and judging by moving the windows into the past.
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Asia/Shanghai"));
        var closed = GraphQL.as("organizer1").run(RESCHEDULE, Map.of("id", contest, "s", Map.of(
                "submissionOpensAt", now.minusDays(2).toString(), "submissionClosesAt", now.minusDays(1).toString(),
                "judgingOpensAt", now.minusDays(1).toString(), "judgingClosesAt", now.minusMinutes(1).toString()))).ok();
        assertThat(closed.<Boolean>data("rescheduleContest.open")).isFalse();

        String late = work(entrant.client(), "POSTER", "迟到的作品");
        TestMediaFacts.register(late, TestMediaFacts.png(3000, 4000));
        var lateSubmit = entrant.client().acceptLanguage("en").run(SUBMIT, submission(contest, "POSTER", late));
        assertThat(lateSubmit.errorCode()).isEqualTo("CONFLICT");
        assertThat(lateSubmit.errorMessage()).contains("closed");
        assertThat(entrant.client().run("mutation($id: ID!) { updateSubmission(id: $id, input: {categoryCode: \"POSTER\"})"
                + " { id } }", Map.of("id", sub)).errorCode()).isEqualTo("CONFLICT");

        String assignment = otherRegion.client().run("query($c: ID!) { myAssignments(contestId: $c) { assignmentId } }",
                Map.of("c", contest)).ok().string("myAssignments[0].assignmentId");
        var lateScore = otherRegion.client().run("mutation($a: ID!, $items: [ScoreItemInput!]!) {"
                + " submitScore(assignmentId: $a, items: $items) { entryCode } }", Map.of("a", assignment, "items", List.of(
                        Map.of("criterion", "ACCURACY", "value", 8), Map.of("criterion", "CREATIVITY", "value", 7),
                        Map.of("criterion", "ARTISTRY", "value", 6))));
        assertThat(lateScore.errorCode()).isEqualTo("CONFLICT");
        assertThat(lateScore.errorMessage()).contains("评审已结束");

        var invalid = GraphQL.as("organizer1").run(RESCHEDULE, Map.of("id", contest, "s", Map.of(
                "submissionOpensAt", now.toString(), "submissionClosesAt", now.minusDays(1).toString())));
        assertThat(invalid.errorCode()).isEqualTo("VALIDATION");
        assertThat(invalid.errorField()).isEqualTo("schedule.submissionClosesAt");
    }

    @Test
    void badContestDefinitionsAreTypedValidationErrors() {
        Map<String, Object> input = new HashMap<>(Contests.input("坏定义", Duration.ofHours(1), 3));
        input.put("categories", List.of(Map.of("code", "VIDEO", "name", "短视频", "acceptedKinds", List.of("SHORT_VIDEO"),
                "aspectRatios", List.of("16x9"))));
        var badRatio = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input", input));
        assertThat(badRatio.errorCode()).isEqualTo("VALIDATION");
        assertThat(badRatio.errorField()).isEqualTo("input.categories[0].aspectRatios");

        input = new HashMap<>(Contests.input("坏定义", Duration.ofHours(1), 3));
        input.put("rounds", List.of(Map.of("name", "初评", "judgesPerEntry", 3), Map.of("name", "终评", "judgesPerEntry", 2)));
        var noShortlist = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input", input));
        assertThat(noShortlist.errorField()).isEqualTo("input.rounds[0].shortlistSize");

        input = new HashMap<>(Contests.input("坏定义", Duration.ofHours(1), 3));
        input.put("timeZone", "Mars/Olympus");
        assertThat(GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input", input)).errorField())
                .isEqualTo("input.timeZone");
    }
}
