package cn.kepu.media.web;

import cn.kepu.media.testsupport.GraphQL;
import java.util.HashMap;
import java.util.Map;

/** Works made public the way entrants and moderators do it, for the tests of the public pages' first screens. */
final class Publications {

    static final String REQUEST = """
            mutation($input: RequestPublicationInput!) { requestPublication(input: $input) { id } }""";
    private static final String MODERATE = """
            mutation($input: ModeratePublicationInput!) { moderatePublication(input: $input) { id status } }""";

    private Publications() {
    }

    /** The owner asks for the work's publication and a moderator approves it (the work needs its media facts). */
    static void publish(GraphQL owner, String workId) {
        Map<String, Object> decision = new HashMap<>();
        decision.put("requestId", owner.run(REQUEST, Map.of("input", Map.of("workId", workId))).ok()
                .string("requestPublication.id"));
        decision.put("decision", "APPROVE");
        decision.put("reasonCode", "OK");
        GraphQL.as("moderator1").run(MODERATE, Map.of("input", decision)).ok();
    }
}
