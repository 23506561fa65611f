package cn.kepu.media.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The service serves the web application at / and leaves the API paths to the API. */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class WebAppServingTest {

    @Test
    void servesTheApplicationAtTheRoot() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<div id=\"root\"></div>"));
    }

    @Test
    void deepLinksLoadTheApplication() {
        for (String path : new String[] {"/works/00000000-0000-0000-0000-000000000001", "/judge/abc", "/organizer/contests"}) {
            given().get(path).then().statusCode(200).body(containsString("<div id=\"root\"></div>"));
        }
    }

    @Test
    void apiPathsAreNotTakenOverByTheApplication() {
        given().contentType("application/json").body("{\"query\":\"{ myRoles }\"}").post("/graphql")
                .then().statusCode(200).body("data.myRoles.size()", equalTo(0));
        given().get("/q/health/ready").then().body(not(containsString("<div id=\"root\">")));
        given().get("/dev/token/nobody-here").then().statusCode(404).body(not(containsString("<div id=\"root\">")));
        given().get("/api/web-config").then().statusCode(200)
                .body("devSignIn", equalTo(true))
                .body("oidc", equalTo(null));
    }

    /** The front end's own unit tests (Vitest, the *.test.ts files under src/main/webui/src) run with these tests. */
    @Test
    void frontEndUnitTestsPass() throws IOException, InterruptedException {
        Path log = Path.of("target/vitest.log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(List.of("npx", "--no-install", "vitest", "run"))
                .directory(Path.of("src/main/webui").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("vitest finished within 5 minutes").isTrue();
        assertThat(process.exitValue()).as("vitest (target/vitest.log):%n%s", output).isZero();
    }
}
