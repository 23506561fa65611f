package cn.kepu.media.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How the service sends the web application's files (issue 12, HTTP): compressed when the browser accepts gzip, the
 * content-hashed files under /assets cached for a year as immutable, the page itself revalidated on every visit.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class WebAppHttpCachingTest {

    private static final RestAssuredConfig GZIP = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().contentDecoders(DecoderConfig.ContentDecoder.GZIP));

    @Test
    void thePageIsCompressedAndRevalidated() {
        for (String path : new String[] {"/", "/index.html", "/works/00000000-0000-0000-0000-000000000001"}) {
            given().config(GZIP).header("Accept-Encoding", "gzip").get(path).then().statusCode(200)
                    .header("Content-Encoding", equalTo("gzip"))
                    .header("Cache-Control", equalTo(WebAssetCaching.PAGE))
                    .body(containsString("<div id=\"root\"></div>"));
        }
    }

    @Test
    void hashedAssetsAreCompressedAndImmutable() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        // The entry chunk is imported by an inline script after the first paint (vite.config.ts, entry-after-first-paint).
        Matcher script = Pattern.compile("import\\(\"(/assets/index-[^\"]+\\.js)\"\\)").matcher(page);
        assertThat(script.find()).as("the page loads its entry chunk from /assets: %s", page).isTrue();
        Response asset = given().config(GZIP).header("Accept-Encoding", "gzip").get(script.group(1));
        asset.then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Encoding", equalTo("gzip"))
                .header("Cache-Control", equalTo(WebAssetCaching.HASHED));
    }

    @Test
    void otherFilesAreCachedForADayAndMissingOnesNotForever() {
        given().config(GZIP).header("Accept-Encoding", "gzip").get("/favicon.svg").then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip"))
                .header("Cache-Control", equalTo(WebAssetCaching.OTHER));
        given().get("/assets/no-such-chunk-0000.js").then()
                .header("Cache-Control", not(containsString("immutable")));
    }

    @Test
    void apiAnswersKeepTheirOwnHeaders() {
        given().contentType("application/json").body("{\"query\":\"{ myRoles }\"}").post("/graphql")
                .then().statusCode(200).header("Cache-Control", not(containsString("immutable")));
    }
}
