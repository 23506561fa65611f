package cn.kepu.media.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Organizers grant JUDGE, MODERATOR and MEDIA through the API: effective on the next request, audited, revocable. */
@QuarkusTest
class RoleGrantTest {

    static final String GRANT = "mutation($a: ID!, $r: Role!) { grantRole(accountId: $a, role: $r) { roles grantedRoles } }";
    static final String REVOKE = "mutation($a: ID!, $r: Role!) { revokeRole(accountId: $a, role: $r) { roles grantedRoles } }";
    static final String LOG = "query($a: ID) { roleGrantLog(accountId: $a) { actor action entityType entityId detail } }";

    GraphQL organizer;

    @BeforeEach
    void signIn() {
        organizer = GraphQL.as("organizer1");
    }

    @Test
    void aGrantedRoleWorksOnTheNextRequestWithTheSameTokenAndARevocationEndsIt() {
        // A self-registered outlet: its token only ever says ENTRANT.
        Registered outlet = Contests.register("outlet", "ENTRANT", "科学时报社", "BEIJING");
        assertThat(outlet.client().run("{ downloadLog { id } }").errorCode()).isEqualTo("FORBIDDEN");

        var granted = organizer.run(GRANT, Map.of("a", outlet.id(), "r", "MEDIA")).ok();
        assertThat(granted.<List<String>>data("grantRole.grantedRoles")).containsExactly("MEDIA");
        assertThat(granted.<List<String>>data("grantRole.roles")).containsExactly("ENTRANT", "MEDIA");
        assertThat(outlet.client().run("{ myRoles }").ok().<List<String>>data("myRoles"))
                .containsExactly("ENTRANT", "MEDIA");
        assertThat(outlet.client().run("{ me { roles grantedRoles } }").ok().<List<String>>data("me.grantedRoles"))
                .containsExactly("MEDIA");

        // Granting twice changes nothing and is audited once.
        organizer.run(GRANT, Map.of("a", outlet.id(), "r", "MEDIA")).ok();
        var revoked = organizer.run(REVOKE, Map.of("a", outlet.id(), "r", "MEDIA")).ok();
        assertThat(revoked.<List<String>>data("revokeRole.grantedRoles")).isEmpty();
        assertThat(outlet.client().run("{ myRoles }").ok().<List<String>>data("myRoles")).containsExactly("ENTRANT");

        var log = organizer.run(LOG, Map.of("a", outlet.id())).ok();
        assertThat(log.<List<String>>data("roleGrantLog.action")).containsExactly("ROLE_REVOKED", "ROLE_GRANTED");
        assertThat(log.<List<String>>data("roleGrantLog.actor")).containsOnly("organizer1");
        assertThat(log.<List<String>>data("roleGrantLog.detail")).containsOnly("MEDIA");
        assertThat(log.<List<String>>data("roleGrantLog.entityId")).containsOnly(outlet.id());
    }

    @Test
    void aGrantedJudgeCanJudgeAndAGrantedModeratorCanModerate() {
        Registered person = Contests.register("expert", "ENTRANT", "中国科学院", "BEIJING");
        organizer.run(GRANT, Map.of("a", person.id(), "r", "JUDGE")).ok();
        organizer.run(GRANT, Map.of("a", person.id(), "r", "MODERATOR")).ok();
        assertThat(person.client().run("{ myRoles }").ok().<List<String>>data("myRoles"))
                .containsExactly("ENTRANT", "JUDGE", "MODERATOR");
        String contest = organizer.run("{ contests { id } }").ok().string("contests[0].id");
        assertThat(person.client().run("query($c: ID!) { myAssignments(contestId: $c) { entryCode } }",
                Map.of("c", contest)).errorCode()).isNull();
        assertThat(person.client().run("query($c: ID!) { moderationQueue(contestId: $c, stage: ENTRY) { id } }",
                Map.of("c", contest)).errorCode()).isNull();
    }

    @Test
    void onlyOrganizersGrantAndOnlyTheRolesThatNeedJudgement() {
        Registered person = Contests.register("climber", "ENTRANT", null, "BEIJING");
        var selfGrant = person.client().run(GRANT, Map.of("a", person.id(), "r", "JUDGE"));
        assertThat(selfGrant.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.as("moderator1").run(GRANT, Map.of("a", person.id(), "r", "MEDIA")).errorCode())
                .isEqualTo("FORBIDDEN");
        var organizerGrant = organizer.run(GRANT, Map.of("a", person.id(), "r", "ORGANIZER"));
        assertThat(organizerGrant.errorCode()).isEqualTo("VALIDATION");
        assertThat(organizerGrant.errorField()).isEqualTo("role");
        assertThat(organizerGrant.errorMessage()).contains("ORGANIZER", "JUDGE, MODERATOR, MEDIA", "不能通过接口授予");
        assertThat(organizer.acceptLanguage("en").run(GRANT, Map.of("a", person.id(), "r", "ENTRANT")).errorMessage())
                .isEqualTo("The role ENTRANT cannot be granted through the API; grantable roles are [JUDGE, MODERATOR, MEDIA].");
        var unknown = organizer.run(GRANT, Map.of("a", "00000000-0000-0000-0000-00000000beef", "r", "JUDGE"));
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(person.client().run("{ myRoles }").ok().<List<String>>data("myRoles")).containsExactly("ENTRANT");
        assertThat(person.client().run(LOG, Map.of()).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(organizer.run(LOG, Map.of("a", person.id())).ok().<List<String>>data("roleGrantLog.action"))
                .as("refused grants change nothing and leave no audit event").isEmpty();
    }
}
