package cn.kepu.media.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdentityGraphQLTest {

    static final String REGISTER = """
            mutation { register(input: {displayName: " 新用户 ", organization: "北京四中", organizationType: SCHOOL,
              region: BEIJING}) { displayName organization organizationType region roles } }""";

    static final String CREATE = """
            mutation { createWork(input: {kind: PHOTO, title: "第一次投稿", topics: ["AEROSPACE"], region: BEIJING,
              creators: [{name: "新用户"}], licence: CC_BY_4_0}) { id owner { displayName } } }""";

    @Test
    void newEntrantMustRegisterBeforeCreatingAWork() {
        GraphQL newcomer = GraphQL.asSubject("oidc-" + UUID.randomUUID(), "ENTRANT");

        assertThat(newcomer.run("{ me { id } }").ok().<Object>data("me")).isNull();
        assertThat(newcomer.run(CREATE).errorCode()).isEqualTo("ACCOUNT_REQUIRED");

        var registered = newcomer.run(REGISTER).ok();
        assertThat(registered.string("register.displayName")).isEqualTo("新用户");
        assertThat(registered.<List<String>>data("register.roles")).containsExactly("ENTRANT");

        assertThat(newcomer.run(CREATE).ok().string("createWork.owner.displayName")).isEqualTo("新用户");
        assertThat(newcomer.run(REGISTER).errorCode()).as("second registration").isEqualTo("CONFLICT");
    }

    @Test
    void rolesComeFromTheTokenAndUnknownGroupsAreIgnored() {
        var roles = GraphQL.asSubject("multi-" + UUID.randomUUID(), "JUDGE,MODERATOR").run("{ myRoles }").ok();
        assertThat(roles.<List<String>>data("myRoles")).containsExactly("JUDGE", "MODERATOR");
        assertThat(GraphQL.anonymous().run("{ myRoles }").ok().<List<String>>data("myRoles")).isEmpty();
    }

    @Test
    void forgedOrGarbageTokenIsUnauthenticatedNotAnonymous() {
        String valid = GraphQL.asSubjectToken("forger", "ORGANIZER");
        String[] parts = valid.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        for (String token : List.of(forged, "not-a-jwt")) {
            var response = GraphQL.withToken(token).run("{ works(first: 1) { totalCount } }");
            assertThat(response.errorCode()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void registrationInputIsValidated() {
        var response = GraphQL.asSubject("blank-" + UUID.randomUUID(), "ENTRANT").run("""
                mutation { register(input: {displayName: "  ", organizationType: SCHOOL, region: BEIJING}) { id } }""");
        assertThat(response.errorCode()).isEqualTo("VALIDATION");
        assertThat(response.errorField()).isEqualTo("input.displayName");
    }
}
