package cn.kepu.media.judging;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Organizer exports over REST, and the database guarantees: append-only scores and audit, rejected never public. */
@QuarkusTest
class ExportsAndIntegrityTest {

    @Inject
    EntityManager em;

    record Setup(String contest, String round, String accepted, String rejected, String rejectedWork, String judgeId,
            Registered entrant) {
    }

    Setup contestWithOneScoredAndOneRejectedEntry() {
        String contest = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input",
                Contests.input("导出测试", Duration.ofHours(1), 3))).ok().string("createContest.id");
        String round = GraphQL.anonymous().run("query($id: ID!) { contest(id: $id) { rounds { id } } }",
                Map.of("id", contest)).ok().string("contest.rounds[0].id");
        Registered entrant = Contests.register("export-entrant", "ENTRANT", "导出单位", "JILIN");
        String good = work(entrant.client(), "POSTER", "=SUM(1,2) 公式注入测试");
        String bad = work(entrant.client(), "POSTER", "违规作品");
        TestMediaFacts.register(good, TestMediaFacts.png(3000, 4000));
        TestMediaFacts.register(bad, TestMediaFacts.png(3000, 4000));
        String accepted = entrant.client().run(SUBMIT, submission(contest, "POSTER", good)).ok().string("submitEntry.id");
        String rejected = entrant.client().run(SUBMIT, submission(contest, "POSTER", bad)).ok().string("submitEntry.id");
        GraphQL moderator = GraphQL.as("moderator1");
        moderator.run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY, decision: APPROVE,"
                + " reasonCode: OK}) { id } }", Map.of("s", accepted)).ok();
        moderator.run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY, decision: REJECT,"
                + " reasonCode: COPYRIGHT, note: \"素材侵权\"}) { id } }", Map.of("s", rejected)).ok();
        Registered judge = Contests.register("export-judge", "JUDGE", "评审单位", "JILIN");
        GraphQL.as("organizer1").run("mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c,"
                + " judges: $j) }", Map.of("c", contest, "j", List.of(Map.of("judgeId", judge.id())))).ok();
        GraphQL.as("organizer1").run("mutation($r: ID!, $s: ID!, $j: ID!) { assignJudge(roundId: $r, submissionId: $s, judgeId: $j) { id } }",
                Map.of("r", round, "s", accepted, "j", judge.id())).ok();
        String assignment = judge.client().run("query($c: ID!) { myAssignments(contestId: $c) { assignmentId } }",
                Map.of("c", contest)).ok().string("myAssignments[0].assignmentId");
        judge.client().run("mutation($a: ID!, $items: [ScoreItemInput!]!) { submitScore(assignmentId: $a, items: $items)"
                + " { entryCode } }", Map.of("a", assignment, "items", List.of(
                        Map.of("criterion", "ACCURACY", "value", 8), Map.of("criterion", "CREATIVITY", "value", 7),
                        Map.of("criterion", "ARTISTRY", "value", 6)))).ok();
        return new Setup(contest, round, accepted, rejected, bad, judge.id(), entrant);
    }

    @Test
    void organizersExportResultsAsCsvAndEntriesAsABlindZip() throws Exception {
        Setup s = contestWithOneScoredAndOneRejectedEntry();
        String organizer = token("organizer1");

        String csv = given().auth().oauth2(organizer).queryParam("method", "MEDIAN")
                .get("/api/rounds/" + s.round() + "/results.csv").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFrank,entry_code,category,title,method,score");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("1,E-").contains(",MEDIAN,71.00,71.00,71.00,0.00,1,", "\"'=SUM(1,2) 公式注入测试\"");

        byte[] zip = given().auth().oauth2(organizer).get("/api/rounds/" + s.round() + "/entries.zip")
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(files).containsKey("manifest.json").hasSize(2);
        assertThat(files.get("manifest.json")).contains("\"entryCount\" : 1", "科学性");
        assertThat(String.join("", files.values())).as("blind: no entrant identity in the jury package")
                .doesNotContain(s.entrant().id(), "export-entrant", "导出单位", "违规作品");
    }

    @Test
    void exportsAreForOrganizersOnly() {
        Setup s = contestWithOneScoredAndOneRejectedEntry();
        given().get("/api/rounds/" + s.round() + "/results.csv").then().statusCode(401);
        given().auth().oauth2(token("judge1")).get("/api/rounds/" + s.round() + "/results.csv").then().statusCode(403);
        given().auth().oauth2(token("entrant1")).get("/api/rounds/" + s.round() + "/entries.zip").then().statusCode(403);
        given().auth().oauth2(token("organizer1")).get("/api/rounds/" + UUID.randomUUID() + "/entries.zip")
                .then().statusCode(404);
    }

    @Test
    void scoresAuditAndDecisionsAreAppendOnlyAndRejectedWorksNeverPublish() {
        Setup s = contestWithOneScoredAndOneRejectedEntry();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update score_item set value = 10 where score_id in (select id from score where submission_id = ?1)")
                .setParameter(1, UUID.fromString(s.accepted())).executeUpdate())).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from audit_event where contest_id = ?1").setParameter(1, UUID.fromString(s.contest()))
                .executeUpdate())).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update moderation_decision set decision = 'APPROVE' where submission_id = ?1")
                .setParameter(1, UUID.fromString(s.rejected())).executeUpdate())).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update work set status = 'PUBLISHED', published_at = now() where id = ?1")
                .setParameter(1, UUID.fromString(s.rejectedWork())).executeUpdate()))
                .hasStackTraceContaining("cannot be published");

        // Entrants see their status and the reason, never a score.
        var mine = s.entrant().client().run("query($c: ID!) { mySubmissions(contestId: $c) { id status"
                + " moderation { reasonCode note } award { tier } } }", Map.of("c", s.contest())).ok();
        assertThat(mine.<List<String>>data("mySubmissions.status")).containsExactlyInAnyOrder("ACCEPTED", "REJECTED");
        assertThat(mine.<List<String>>data("mySubmissions.moderation.reasonCode")).containsExactlyInAnyOrder("OK", "COPYRIGHT");
    }

    @Test
    void recusalRemovesTheAssignmentAndItsScoreFromResults() {
        Setup s = contestWithOneScoredAndOneRejectedEntry();
        GraphQL organizer = GraphQL.as("organizer1");
        String results = "query($r: ID!) { roundResults(roundId: $r) { judgeCount score } }";
        assertThat(organizer.run(results, Map.of("r", s.round())).ok().<Integer>data("roundResults[0].judgeCount")).isEqualTo(1);

        var audit = organizer.run("query($c: ID!) { auditLog(contestId: $c, action: \"ASSIGNED\") { entityId } }",
                Map.of("c", s.contest())).ok();
        String assignment = audit.string("auditLog[0].entityId");
        // Only the assigned judge may recuse.
        assertThat(GraphQL.as("judge1").run("mutation($a: ID!) { recuse(assignmentId: $a) }", Map.of("a", assignment))
                .errorCode()).isEqualTo("NOT_FOUND");
        GraphQL judge = GraphQL.withToken(given().queryParam("subject", subjectOf(s.judgeId())).queryParam("roles", "JUDGE")
                .get("/dev/token").then().statusCode(200).extract().asString());
        judge.run("mutation($a: ID!) { recuse(assignmentId: $a, note: \"认识作者\") }", Map.of("a", assignment)).ok();

        assertThat(organizer.run(results, Map.of("r", s.round())).ok().<Integer>data("roundResults[0].judgeCount")).isZero();
        assertThat(judge.run("query($c: ID!) { myAssignments(contestId: $c) { entryCode } }", Map.of("c", s.contest()))
                .ok().<List<?>>data("myAssignments")).isEmpty();
        assertThat(organizer.run("mutation($r: ID!, $s: ID!, $j: ID!) { assignJudge(roundId: $r, submissionId: $s,"
                + " judgeId: $j) { id } }", Map.of("r", s.round(), "s", s.accepted(), "j", s.judgeId())).errorCode())
                .as("a recused judge is a conflict from then on").isEqualTo("CONFLICT");
    }

    private String subjectOf(String accountId) {
        return (String) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select subject from account where id = ?1").setParameter(1, UUID.fromString(accountId)).getSingleResult());
    }

    private static String token(String login) {
        return given().get("/dev/token/" + login).then().statusCode(200).extract().asString();
    }
}
