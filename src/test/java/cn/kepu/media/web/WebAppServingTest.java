package cn.kepu.media.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
}
