package cn.kepu.media.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.devstack.LocalStack;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.OidcBrowser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The production sign-in path end to end, against the real Keycloak of the local stack with the realm export from
 * {@code deploy/keycloak}: the app verifies tokens exactly as in production (issuer and JWKS URL of the provider, no
 * dev key), people sign up and sign in through Keycloak's own forms with the authorization code flow and PKCE, and
 * their tokens then drive GraphQL: first sign-in registers the profile, an organizer grants a role, the grant shows
 * on the person's next request with the same token.
 */
@QuarkusTest
@TestProfile(KeycloakSignInTest.ProductionSignIn.class)
class KeycloakSignInTest {

    /** The app configured as production is: tokens from the local Keycloak, verified with its published keys. */
    public static class ProductionSignIn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Runs before the test resource: start every store now, Keycloak in parallel with the others.
            String issuer = LocalStack.ensureRunning(true).keycloakIssuer();
            return Map.of("mp.jwt.verify.issuer", issuer,
                    "mp.jwt.verify.publickey.location", issuer + "/protocol/openid-connect/certs");
        }
    }

    static final String REGISTER = """
            mutation($input: RegisterInput!) { register(input: $input) { id displayName roles language } }""";
    static final String DEMO_PASSWORD = "kepu-demo-password";

    @Test
    void aPersonSignsUpAtKeycloakRegistersOnFirstSignInAndGetsTheRoleAnOrganizerGrants() {
        String issuer = LocalStack.ensureRunning().keycloakIssuer();
        String login = "outlet-" + UUID.randomUUID().toString().substring(0, 8);
        String token = new OidcBrowser(issuer).signUp(login, login + "@press.example", "correct-horse-battery", "Lin",
                "Reporter");
        GraphQL outlet = GraphQL.withToken(token);

        // Self-registration gives ENTRANT (the realm's default role), carried in the groups claim.
        assertThat(outlet.run("{ myRoles }").ok().<List<String>>data("myRoles")).containsExactly("ENTRANT");
        assertThat(outlet.run("{ me { id } }").ok().<Object>data("me")).as("no profile before register").isNull();
        var registered = outlet.run(REGISTER, Map.of("input", Map.of("displayName", "林 · 科学时报",
                "organization", "科学时报社", "organizationType", "MEDIA_OUTLET", "region", "BEIJING",
                "language", "EN"))).ok();
        String accountId = registered.string("register.id");
        assertThat(registered.<List<String>>data("register.roles")).containsExactly("ENTRANT");
        assertThat(registered.string("register.language")).isEqualTo("EN");

        // An organizer, signed in at Keycloak too, confirms the outlet: MEDIA, audited, effective at once.
        GraphQL organizer = GraphQL.withToken(new OidcBrowser(issuer).signIn("organizer1", DEMO_PASSWORD));
        assertThat(organizer.run("{ myRoles }").ok().<List<String>>data("myRoles")).contains("ORGANIZER");
        assertThat(organizer.run("{ me { displayName } }").ok().string("me.displayName"))
                .as("the demo organizer's Keycloak id is its account's subject").isEqualTo("组委会 赵");
        organizer.run("mutation($a: ID!) { grantRole(accountId: $a, role: MEDIA) { id } }", Map.of("a", accountId))
                .ok();
        assertThat(outlet.run("{ myRoles }").ok().<List<String>>data("myRoles"))
                .as("same token, next request").containsExactly("ENTRANT", "MEDIA");
        var log = organizer.run("query($a: ID) { roleGrantLog(accountId: $a) { actor action detail } }",
                Map.of("a", accountId)).ok();
        assertThat(log.<List<String>>data("roleGrantLog.action")).containsExactly("ROLE_GRANTED");
        assertThat(log.<List<String>>data("roleGrantLog.actor")).containsExactly("organizer1");

        // Signing in again later finds the same profile.
        GraphQL again = GraphQL.withToken(new OidcBrowser(issuer).signIn(login, "correct-horse-battery"));
        assertThat(again.run("{ me { id } }").ok().string("me.id")).isEqualTo(accountId);
    }

    @Test
    void aFirstSignInTakesTheProvidersVerifiedAddressAndLocaleForNotifications() {
        String issuer = LocalStack.ensureRunning().keycloakIssuer();
        // newcomer1 exists in Keycloak only (deploy/keycloak/dev-users.json): verified address, locale en.
        GraphQL newcomer = GraphQL.withToken(new OidcBrowser(issuer).signIn("newcomer1", DEMO_PASSWORD));
        var registered = newcomer.run(REGISTER, Map.of("input", Map.of("displayName", "New Comer",
                "organizationType", "INDIVIDUAL", "region", "SHANGHAI"))).ok();
        assertThat(registered.string("register.language")).isEqualTo("EN");
        assertThat(newcomer.run("{ me { email } }").ok().string("me.email")).isEqualTo("newcomer1@demo.kepu.local");
    }

    @Test
    void onlyTheProvidersTokensAreAcceptedAndPkceIsEnforced() {
        String issuer = LocalStack.ensureRunning().keycloakIssuer();
        String token = new OidcBrowser(issuer).signIn("judge1", DEMO_PASSWORD);
        assertThat(GraphQL.withToken(token).run("{ myRoles }").ok().<List<String>>data("myRoles")).contains("JUDGE");

        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(GraphQL.withToken(tampered).run("{ myRoles }").errorCode()).isEqualTo("UNAUTHENTICATED");
        // The dev token minter still exists in test builds, but its key is not the provider's: refused.
        String devToken = GraphQL.asSubjectToken("organizer1", "ORGANIZER");
        assertThat(GraphQL.withToken(devToken).run("{ myRoles }").errorCode()).isEqualTo("UNAUTHENTICATED");

        assertThat(new OidcBrowser(issuer).exchangeWithWrongVerifier("judge1", DEMO_PASSWORD))
                .as("a code is useless without its PKCE verifier").isEqualTo(400);
    }
}
