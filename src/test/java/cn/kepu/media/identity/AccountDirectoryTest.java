package cn.kepu.media.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Organizers find accounts by role and by name, organisation or address, to pick judges and grant roles. */
@QuarkusTest
class AccountDirectoryTest {

    static final String ACCOUNTS = """
            query($role: Role, $q: String, $first: Int, $after: String) {
              accounts(role: $role, query: $q, first: $first, after: $after) {
                edges { cursor node { id displayName organization roles email } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    GraphQL organizer;

    /** In {@code @BeforeEach}, not a field initializer: the client needs the port Quarkus assigns before each test. */
    @BeforeEach
    void signIn() {
        organizer = GraphQL.as("organizer1");
    }

    static Map<String, Object> vars(String role, String query, Integer first, String after) {
        Map<String, Object> v = new HashMap<>();
        v.put("role", role);
        v.put("q", query);
        v.put("first", first);
        v.put("after", after);
        return v;
    }

    @Test
    void organizersFindAccountsByRoleFromTheTokenOrGrantedAndByOrganisation() {
        String org = "目录研究所-" + UUID.randomUUID().toString().substring(0, 8);
        Registered plain = Contests.register("plain", "ENTRANT", org, "BEIJING");
        Registered granted = Contests.register("granted", "ENTRANT", org, "SHANGHAI");
        Registered tokenJudge = Contests.register("tokenjudge", "JUDGE", org, "HUBEI");
        Contests.register("elsewhere", "JUDGE", "别的单位", "HUBEI");
        organizer.run("mutation($a: ID!) { grantRole(accountId: $a, role: JUDGE) { id } }",
                Map.of("a", granted.id())).ok();

        var judges = organizer.run(ACCOUNTS, vars("JUDGE", org.toLowerCase(), 20, null)).ok();
        assertThat(judges.<List<String>>data("accounts.edges.node.id"))
                .as("newest first; the plain entrant and the judge of another organisation are left out")
                .containsExactly(tokenJudge.id(), granted.id())
                .doesNotContain(plain.id());
        assertThat(judges.<List<List<String>>>data("accounts.edges.node.roles"))
                .allSatisfy(roles -> assertThat(roles).contains("JUDGE"));

        var everyone = organizer.run(ACCOUNTS, vars(null, org, 20, null)).ok();
        assertThat(everyone.<List<String>>data("accounts.edges.node.id"))
                .containsExactlyInAnyOrder(plain.id(), granted.id(), tokenJudge.id());

        // By part of the display name (the test accounts are named after their subject).
        var byName = organizer.run(ACCOUNTS, vars(null, "GRANTED-", 50, null)).ok();
        assertThat(byName.<List<String>>data("accounts.edges.node.id")).contains(granted.id())
                .doesNotContain(plain.id());
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsOrGaps() {
        String org = "分页研究所-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(0, Contests.register("page" + i, "JUDGE", org, "BEIJING").id());
        }
        var first = organizer.run(ACCOUNTS, vars("JUDGE", org, 2, null)).ok();
        assertThat(first.<Boolean>data("accounts.pageInfo.hasNextPage")).isTrue();
        var second = organizer.run(ACCOUNTS,
                vars("JUDGE", org, 2, first.string("accounts.pageInfo.endCursor"))).ok();
        assertThat(second.<Boolean>data("accounts.pageInfo.hasNextPage")).isFalse();
        List<String> seen = new java.util.ArrayList<>(first.<List<String>>data("accounts.edges.node.id"));
        seen.addAll(second.<List<String>>data("accounts.edges.node.id"));
        assertThat(seen).containsExactlyElementsOf(made);
    }

    @Test
    void onlyOrganizersMayListAccounts() {
        for (String login : List.of("entrant1", "judge1", "moderator1", "media1")) {
            assertThat(GraphQL.as(login).run(ACCOUNTS, vars(null, null, 5, null)).errorCode()).as(login)
                    .isEqualTo("FORBIDDEN");
        }
        assertThat(GraphQL.anonymous().run(ACCOUNTS, vars(null, null, 5, null)).errorCode())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(organizer.run(ACCOUNTS, vars(null, null, 100_000, null)).errorCode()).isEqualTo("VALIDATION");
        assertThat(organizer.run(ACCOUNTS, vars(null, null, 5, "not-a-cursor")).errorCode())
                .isEqualTo("VALIDATION");
    }
}
