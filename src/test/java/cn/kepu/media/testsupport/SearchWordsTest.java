package cn.kepu.media.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.text.TextAnalysis;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchWordsTest {

    @Test
    void aUniqueWordStaysOneWordForTheServicesAnalysis() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            String word = SearchWords.unique("m");
            assertThat(word).matches("m[a-z]{12}");
            assertThat(TextAnalysis.words(word)).as(word).hasSize(1);
            assertThat(seen.add(word)).as("repeated: " + word).isTrue();
        }
    }

    @Test
    void randomHexWasSplitIntoPiecesOtherWorksShare() {
        // The CI failure this class prevents: the piece "1" matched another test's work once the relaxed tier ran.
        assertThat(TextAnalysis.words("nothing1a2aeaaczz")).hasSizeGreaterThan(1).contains("1");
    }
}
