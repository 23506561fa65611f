package cn.kepu.media.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the README tells a newcomer to type must be right (issue 8 item 14). */
class ReadmeTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void graphiqlIsWhereQuarkusServesIt() throws IOException {
        String readme = readme();
        assertThat(readme).contains("localhost:8080/q/graphql-ui");
        assertThat(Pattern.compile("(?<!/q)/graphql-ui").matcher(readme).find())
                .as("a /graphql-ui path without /q").isFalse();
    }

    @Test
    void theUploadExampleSendsTheFilesContentType() throws IOException {
        String readme = readme();
        var put = Pattern.compile("curl[^\\n]*-X PUT[^\\n]*").matcher(readme);
        assertThat(put.find()).as("a curl PUT example").isTrue();
        assertThat(put.group()).contains("-H 'Content-Type: image/jpeg'").contains("--data-binary");
        assertThat(readme).contains("declaredType: \"image/jpeg\"");
    }
}
