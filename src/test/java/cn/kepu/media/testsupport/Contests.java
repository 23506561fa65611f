package cn.kepu.media.testsupport;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders for contest tests: a contest open now, works with registered media, fresh accounts. */
public final class Contests {

    public static final String CREATE = """
            mutation($input: ContestInput!) { createContest(input: $input) { id open entryLimit
              categories { code } rubric { code weight scaleMax } rounds { id number name shortlistSize judgesPerEntry } } }""";

    public static final String SUBMIT = """
            mutation($input: SubmitEntryInput!) { submitEntry(input: $input) { id entryCode status categoryCode } }""";

    public static final List<String> ALL_DECLARATIONS = List.of("ORIGINALITY", "CONSENT_OF_PEOPLE_SHOWN",
            "MEDIA_LICENCE_GRANT");

    private Contests() {
    }

    /** A contest open for another {@code openFor}, two categories, a three-criterion rubric and two rounds. */
    public static Map<String, Object> input(String title, java.time.Duration openFor, int entryLimit) {
        OffsetDateTime now = OffsetDateTime.now(ZoneId.of("Asia/Shanghai"));
        Map<String, Object> schedule = new HashMap<>();
        schedule.put("submissionOpensAt", now.minusHours(1).toString());
        schedule.put("submissionClosesAt", now.plus(openFor).toString());
        Map<String, Object> input = new HashMap<>();
        input.put("year", 2025);
        input.put("title", title);
        input.put("theme", "矢志创新发展 建设科技强国");
        input.put("description", "科普作品征集");
        input.put("schedule", schedule);
        input.put("entryLimit", entryLimit);
        input.put("categories", List.of(
                Map.of("code", "POSTER", "name", "科普海报", "acceptedKinds", List.of("POSTER"),
                        "mimeTypes", List.of("image/png", "image/jpeg"), "minWidth", 2000, "minHeight", 3000),
                Map.of("code", "VIDEO", "name", "科普短视频", "acceptedKinds", List.of("SHORT_VIDEO"),
                        "mimeTypes", List.of("video/mp4"), "maxDurationSeconds", 180.0,
                        "aspectRatios", List.of("16:9", "9:16"), "minWidth", 1280, "minHeight", 720)));
        input.put("rubric", List.of(
                Map.of("code", "ACCURACY", "name", "科学性", "weight", 0.4, "scaleMax", 10),
                Map.of("code", "CREATIVITY", "name", "创新性", "weight", 0.3, "scaleMax", 10),
                Map.of("code", "ARTISTRY", "name", "艺术性", "weight", 0.3, "scaleMax", 10)));
        input.put("rounds", List.of(
                Map.of("name", "初评", "shortlistSize", 2, "judgesPerEntry", 3),
                Map.of("name", "终评", "judgesPerEntry", 2)));
        return input;
    }

    /** A draft work of the given kind owned by the client's account. */
    public static String work(GraphQL as, String kind, String title) {
        return as.run("""
                mutation($input: WorkInput!) { createWork(input: $input) { id } }""", Map.of("input", Map.of(
                "kind", kind, "title", title, "description", "作品说明 " + title, "topics", List.of("GENERAL_SCIENCE"),
                "region", "BEIJING", "creators", List.of(Map.of("name", "作者")), "licence", "CC_BY_4_0")))
                .ok().string("createWork.id");
    }

    /** A fresh account with the given roles and organization; returns its client and id. */
    public static Registered register(String prefix, String roles, String organization, String region) {
        String subject = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        GraphQL client = GraphQL.asSubject(subject, roles);
        Map<String, Object> input = new HashMap<>();
        input.put("displayName", subject);
        input.put("organizationType", "RESEARCH_INSTITUTE");
        input.put("region", region);
        if (organization != null) {
            input.put("organization", organization);
        }
        String id = client.run("mutation($input: RegisterInput!) { register(input: $input) { id } }",
                Map.of("input", input)).ok().string("register.id");
        return new Registered(client, id);
    }

    public record Registered(GraphQL client, String id) {
    }

    public static Map<String, Object> submission(String contestId, String category, String workId) {
        return Map.of("input", Map.of("contestId", contestId, "categoryCode", category, "workId", workId,
                "declarations", ALL_DECLARATIONS));
    }
}
