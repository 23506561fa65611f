package cn.kepu.media.search.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlightsTest {

    private static Highlights marking(String query) {
        return new Highlights(TextAnalysis.words(query), List.of());
    }

    @Test
    void highlightsCoverWholeWords() {
        assertThat(marking("量子计算").whole("量子计算机的基本原理")).isEqualTo("<em>量子</em>计算机的基本原理");
        assertThat(marking("量子计算").whole("什么是量子计算")).isEqualTo("什么是<em>量子计算</em>");
        assertThat(marking("computing").whole("How a computer works")).isEqualTo("How a <em>computer</em> works");
        assertThat(marking("分子").whole("分子量测定")).isNull();
    }

    @Test
    void everythingButTheMarkersIsEscaped() {
        String attack = "<script>alert('x')</script><img src=x onerror=\"alert(1)\"> & ";
        for (String value : List.of(attack + "量子", "量子" + attack, attack + "量子" + attack)) {
            String marked = marking("量子").whole(value);
            assertThat(marked).contains("<em>量子</em>");
            String rest = marked.replace("<em>", "").replace("</em>", "");
            assertThat(rest).doesNotContain("<", ">", "\"", "'").contains("&lt;script&gt;", "&amp;");
        }
        String passage = marking("quantum").passages("x".repeat(200) + "<b>quantum</b>" + attack.repeat(5), 2)
                .getFirst();
        assertThat(passage.replace("<em>", "").replace("</em>", "")).doesNotContain("<", ">");
    }

    @Test
    void aRelaxedSearchAlsoMarksTheWordsItMatchedDespiteATypo() {
        Highlights highlights = new Highlights(TextAnalysis.words("grafene"), List.of("grafen"));
        assertThat(highlights.whole("Graphene batteries")).isEqualTo("<em>Graphene</em> batteries");
    }
}
