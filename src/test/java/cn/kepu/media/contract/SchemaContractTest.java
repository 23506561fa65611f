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
 * With the flag the file is rewritten and the test still fails if that changed it, so a run with the flag can never
 * hide drift: the next run (and CI, which never sets it) passes once the new file is committed.
 */
@QuarkusTest
class SchemaContractTest {

    static final Path CONTRACT = Path.of("schema/graphql/schema.graphql");

    @Test
    void exportedSchemaMatchesTheCheckedInContract() throws IOException {
        String served = normalise(given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString());

        String checkedIn = Files.exists(CONTRACT) ? normalise(Files.readString(CONTRACT, StandardCharsets.UTF_8)) : null;
        boolean update = Boolean.getBoolean("kepu.schema.update");
        if (update && !served.equals(checkedIn)) {
            Files.writeString(CONTRACT, served, StandardCharsets.UTF_8);
        }

        assertThat(checkedIn).as("contract file %s, regenerate with -Dkepu.schema.update=true", CONTRACT).isNotNull();
        assertThat(served)
                .as(update ? "GraphQL schema drifted from %s: the file is rewritten now, review and commit the diff"
                        : "GraphQL schema drifted from %s; rerun with -Dkepu.schema.update=true and commit the diff",
                        CONTRACT)
                .isEqualTo(checkedIn);
    }

    private static String normalise(String sdl) {
        return sdl.replace("\r\n", "\n").strip() + "\n";
    }
}
