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

    @Test
    void theScanBeforeHighlightingNeverSkipsAValueThatMatches() {
        // Porter stems that are not prefixes of the word they come from; full-width and upper-case letters.
        for (String[] pair : List.of(new String[] {"studies", "A study of rivers"},
                new String[] {"sensibility", "Sensible choices"}, new String[] {"relational", "Related work"},
                new String[] {"happy", "HAPPINESS"}, new String[] {"computer", "ｃｏｍｐｕｔｉｎｇ today"},
                new String[] {"量子计算", "什么是量子计算"})) {
            Highlights highlights = marking(pair[0]);
            assertThat(highlights.whole(pair[1])).as("%s in %s", pair[0], pair[1]).contains("<em>");
        }
        assertThat(marking("量子计算").mayMatch("Science work 12")).isFalse();
        assertThat(marking("quantum").mayMatch("张12（科普研究所）")).isFalse();
    }

    /** The word marker that whole() uses for exact words gives what Lucene's highlighter gives, on every judged text. */
    @Test
    void wholeValuesAreMarkedAsLucenesHighlighterMarksThem() throws Exception {
        List<String> values = new java.util.ArrayList<>();
        for (int file = 1; file <= 7; file++) {
            String path = "search/judged/works-" + file + ".txt";
            try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    break;
                }
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (!line.startsWith("#") && !line.isBlank()) {
                        values.addAll(List.of(line.split("[|;@]")));
                    }
                }
            }
        }
        assertThat(values).hasSizeGreaterThan(1000);
        for (String query : List.of("量子计算", "人工智能", "深海", "quantum computing", "graphene", "giant panda",
                "石墨烯 材料", "climate change", "AI", "潘建伟", "deep sea exploration", "太阳能")) {
            Highlights highlights = marking(query);
            for (String value : values) {
                assertThat(highlights.whole(value)).as("%s in %s", query, value)
                        .isEqualTo(highlights.wholeByHighlighter(value));
            }
        }
    }
}
