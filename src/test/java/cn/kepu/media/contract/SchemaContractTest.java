package cn.kepu.media.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * schema/graphql/schema.graphql is the published contract. This test fails when the code's schema and the file
 * differ; after an intended change, regenerate the file with {@code -Dkepu.schema.update=true} and review the diff.
 */
@QuarkusTest
class SchemaContractTest {

    static final Path CONTRACT = Path.of("schema/graphql/schema.graphql");

    @Test
    void exportedSchemaMatchesTheCheckedInContract() throws IOException {
        String served = normalise(given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString());

        if (Boolean.getBoolean("kepu.schema.update")) {
            Files.writeString(CONTRACT, served, StandardCharsets.UTF_8);
        }

        assertThat(CONTRACT).as("contract file, regenerate with -Dkepu.schema.update=true").exists();
        assertThat(served)
                .as("GraphQL schema drifted from %s; rerun with -Dkepu.schema.update=true and commit the diff", CONTRACT)
                .isEqualTo(normalise(Files.readString(CONTRACT, StandardCharsets.UTF_8)));
    }

    private static String normalise(String sdl) {
        return sdl.replace("\r\n", "\n").strip() + "\n";
    }
}
