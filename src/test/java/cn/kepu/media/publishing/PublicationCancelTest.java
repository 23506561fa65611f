package cn.kepu.media.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The owner withdraws a publication request while it waits for a moderator: the request is kept as CANCELLED, leaves
 * the moderators' inbox, the work is back as it was and the cancellation is audited. Nobody else may cancel it, and a
 * decided (or already cancelled) request cannot be.
 */
@QuarkusTest
class PublicationCancelTest {

    static final String CANCEL = """
            mutation($id: ID!) { cancelPublicationRequest(id: $id) { id workId status decidedAt } }""";
    static final String INBOX = """
            query($after: String) { moderationInbox(filter: {stage: PUBLICATION, kind: PHOTO}, first: 50, after: $after) {
              pageInfo { hasNextPage endCursor } edges { node { publicationRequestId } } } }""";

    @Test
    void theOwnerCancelsAPendingRequestAndTheWorkIsBackAsItWas() {
        GraphQL owner = entrant();
        String work = createWork(owner);
        TestMediaFacts.register(work, TestMediaFacts.png(2000, 1500));
        String request = request(owner, work);
        assertThat(status(owner, work)).isEqualTo("IN_MODERATION");
        assertThat(pendingInInbox()).contains(request);

        var cancelled = owner.run(CANCEL, Map.of("id", request)).ok();
        assertThat(cancelled.string("cancelPublicationRequest.status")).isEqualTo("CANCELLED");
        assertThat(cancelled.string("cancelPublicationRequest.decidedAt")).isNotNull();
        assertThat(status(owner, work)).as("back to its state before the request").isEqualTo("DRAFT");
        assertThat(pendingInInbox()).doesNotContain(request);
        assertThat(owner.run("query($id: ID!) { publicationRequests(workId: $id) { id status } }",
                Map.of("id", work)).ok().<List<String>>data("publicationRequests.status")).containsExactly("CANCELLED");
        assertThat(GraphQL.as("organizer1").run("query($id: ID!) { publicationLog(workId: $id) { action } }",
                Map.of("id", work)).ok().<List<String>>data("publicationLog.action"))
                .containsSubsequence("PUBLICATION_CANCELLED", "PUBLICATION_REQUESTED");

        // A cancelled request cannot be cancelled again; the owner may ask anew.
        var again = owner.acceptLanguage("en").run(CANCEL, Map.of("id", request));
        assertThat(again.errorCode()).isEqualTo("CONFLICT");
        assertThat(again.errorMessage()).contains("cancelled", "waiting").doesNotContain("CANCELLED");
        assertThat(owner.acceptLanguage("zh-CN").run(CANCEL, Map.of("id", request)).errorMessage()).contains("撤回");
        String second = request(owner, work);
        assertThat(status(owner, work)).isEqualTo("IN_MODERATION");

        // A rejected work asked again and cancelled is REJECTED again, not a draft.
        moderate(second, "REJECT", "COPYRIGHT", "来源不明");
        assertThat(status(owner, work)).isEqualTo("REJECTED");
        String third = request(owner, work);
        owner.run(CANCEL, Map.of("id", third)).ok();
        assertThat(status(owner, work)).isEqualTo("REJECTED");
    }

    @Test
    void nobodyButTheOwnerMayCancelAndADecidedRequestCannotBe() {
        GraphQL owner = entrant();
        String work = createWork(owner);
        TestMediaFacts.register(work, TestMediaFacts.png(1200, 1200));
        String request = request(owner, work);

        assertThat(GraphQL.as("entrant1").run(CANCEL, Map.of("id", request)).errorCode())
                .as("another entrant does not see the request").isEqualTo("NOT_FOUND");
        var organizer = GraphQL.as("organizer1").acceptLanguage("en").run(CANCEL, Map.of("id", request));
        assertThat(organizer.errorCode()).as("an organizer who did not make it").isEqualTo("FORBIDDEN");
        assertThat(organizer.errorMessage()).contains("owner");
        for (String login : List.of("moderator1", "judge1", "media1")) {
            assertThat(GraphQL.as(login).run(CANCEL, Map.of("id", request)).errorCode()).as(login)
                    .isEqualTo("FORBIDDEN");
        }
        assertThat(GraphQL.anonymous().run(CANCEL, Map.of("id", request)).errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(owner.run(CANCEL, Map.of("id", UUID.randomUUID().toString())).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(status(owner, work)).as("still waiting").isEqualTo("IN_MODERATION");

        moderate(request, "APPROVE", "OK", null);
        var decided = owner.run(CANCEL, Map.of("id", request));
        assertThat(decided.errorCode()).isEqualTo("CONFLICT");
        assertThat(decided.errorField()).isEqualTo("id");
        assertThat(status(owner, work)).isEqualTo("PUBLISHED");
    }

    private static void moderate(String request, String decision, String reason, String note) {
        Map<String, Object> input = new HashMap<>();
        input.put("requestId", request);
        input.put("decision", decision);
        input.put("reasonCode", reason);
        input.put("note", note);
        GraphQL.as("moderator1").run("""
                mutation($input: ModeratePublicationInput!) { moderatePublication(input: $input) { id } }""",
                Map.of("input", input)).ok();
    }

    private static List<String> pendingInInbox() {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            var response = GraphQL.as("moderator1").run(INBOX, variables).ok();
            ids.addAll(response.<List<String>>data("moderationInbox.edges.node.publicationRequestId"));
            if (!response.<Boolean>data("moderationInbox.pageInfo.hasNextPage")) {
                return ids;
            }
            after = response.string("moderationInbox.pageInfo.endCursor");
        }
        throw new AssertionError("the inbox did not end within 100 pages");
    }

    private static String request(GraphQL owner, String work) {
        return owner.run("""
                mutation($input: RequestPublicationInput!) { requestPublication(input: $input) { id status } }""",
                Map.of("input", Map.of("workId", work))).ok().string("requestPublication.id");
    }

    private static String status(GraphQL as, String work) {
        return as.run("query($id: ID!) { work(id: $id) { status } }", Map.of("id", work)).ok().string("work.status");
    }

    private static String createWork(GraphQL as) {
        return as.run("""
                mutation { createWork(input: {kind: PHOTO, title: "撤回发布申请 测试", topics: ["GENERAL_SCIENCE"],
                  region: BEIJING, creators: [{name: "测试作者"}], licence: CC_BY_4_0}) { id } }""")
                .ok().string("createWork.id");
    }

    private static GraphQL entrant() {
        String subject = "pub-cancel-" + UUID.randomUUID().toString().substring(0, 8);
        GraphQL client = GraphQL.asSubject(subject, "ENTRANT");
        Map<String, Object> input = new HashMap<>();
        input.put("displayName", subject);
        input.put("organizationType", "RESEARCH_INSTITUTE");
        input.put("organization", "科普研究所");
        input.put("region", "BEIJING");
        client.run("mutation($input: RegisterInput!) { register(input: $input) { id } }", Map.of("input", input)).ok();
        return client;
    }
}
