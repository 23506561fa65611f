package cn.kepu.media.judging;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Blind judging holds in the schema itself: starting from every operation a judge uses, walking every field of every
 * reachable type (through introspection, as a client would) never reaches an account, a work, a submission or any
 * field that names a person, an organization, a region or a file.
 */
@QuarkusTest
class BlindJudgingSchemaTest {

    /** Operations a judge uses, by root type. */
    static final Map<String, List<String>> JUDGE_OPERATIONS = Map.of(
            "queryType", List.of("myAssignments", "myJudgingProgress"),
            "mutationType", List.of("submitScore", "declareConflict", "recuse"),
            "subscriptionType", List.of("assignmentAdded"));

    static final Set<String> FORBIDDEN_TYPES = Set.of("Account", "Work", "Submission", "Creator", "Region",
            "ModerationNote", "RoundResult", "AuditEvent", "PublicAward");

    /** Lower-case fragments no judge-facing field name may contain. */
    static final List<String> FORBIDDEN_FIELD_FRAGMENTS = List.of("owner", "entrant", "creator", "region",
            "organization", "affiliation", "credit", "displayname", "subject", "account", "file", "name_en", "exif",
            "judgeid", "email", "phone");

    static final String TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";

    @Test
    void noPathFromAJudgesViewReachesIdentity() {
        Deque<String> pending = new ArrayDeque<>();
        JUDGE_OPERATIONS.forEach((root, names) -> {
            List<Map<String, Object>> fields = GraphQL.anonymous().run("{ __schema { " + root + " { fields { name type { "
                    + TYPE_REF + " } } } } }").ok().data("__schema." + root + ".fields");
            for (String name : names) {
                Map<String, Object> field = fields.stream().filter(f -> name.equals(f.get("name"))).findFirst()
                        .orElseThrow(() -> new AssertionError("no operation " + name));
                pending.add(named(field.get("type")));
            }
        });
        Set<String> reached = new LinkedHashSet<>();
        Set<String> fieldNames = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            String type = pending.pop();
            if (!reached.add(type)) {
                continue;
            }
            List<Map<String, Object>> fields = GraphQL.anonymous().run("query($n: String!) { __type(name: $n) { fields {"
                    + " name type { " + TYPE_REF + " } } } }", Map.of("n", type)).ok().data("__type.fields");
            if (fields == null) {
                continue; // scalars and enums end the path
            }
            for (Map<String, Object> field : fields) {
                fieldNames.add(type + "." + field.get("name"));
                pending.add(named(field.get("type")));
            }
        }

        assertThat(reached).as("types a judge can reach").contains("JudgeEntry", "JudgeScore", "PeerScore", "ScoreItem",
                "JudgeProgress").doesNotContainAnyElementsOf(FORBIDDEN_TYPES);
        assertThat(fieldNames).as("fields a judge can reach").allSatisfy(f -> {
            String name = f.substring(f.indexOf('.') + 1).toLowerCase(Locale.ROOT);
            assertThat(FORBIDDEN_FIELD_FRAGMENTS).noneMatch(name::contains);
        });
    }

    @SuppressWarnings("unchecked")
    private static String named(Object typeRef) {
        Map<String, Object> type = (Map<String, Object>) typeRef;
        while (type.get("name") == null) {
            type = (Map<String, Object>) type.get("ofType");
        }
        return (String) type.get("name");
    }
}
