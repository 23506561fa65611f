package cn.kepu.media.search.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {

    @Test
    void chineseIsSegmentedIntoWordsNotCharacters() {
        assertThat(TextAnalysis.words("量子计算机的基本原理")).containsExactly("量子", "计算机", "基本", "原理");
        assertThat(TextAnalysis.words("分子量测定")).doesNotContain("分", "子", "量");
    }

    @Test
    void englishIsStemmedAndStopWordsDropped() {
        assertThat(TextAnalysis.words("Computing with the quantum computers"))
                .containsExactly("comput", "quantum", "comput");
        assertThat(TextAnalysis.words("Einstein's clocks")).containsExactly("einstein", "clock");
    }

    @Test
    void fullWidthLettersFoldToTheirAsciiForm() {
        assertThat(TextAnalysis.words("ＡＩ绘画")).isEqualTo(TextAnalysis.words("AI绘画"));
    }

    @Test
    void wordsThatAreParticlesOfLongerWordsSurvive() {
        // 碳中和 is split by the segmenter into single characters; none of them may be dropped as a stop word.
        assertThat(String.join("", TextAnalysis.words("碳中和"))).isEqualTo("碳中和");
    }

    @Test
    void synonymsMatchWhateverTheInflectionAndLinkBothLanguages() {
        Synonyms synonyms = Synonyms.parse("""
                # comment
                量子计算, quantum computing
                人工智能, AI, artificial intelligence
                """);
        QueryAnalyser analyser = new QueryAnalyser(synonyms, Map.of("ARTIFICIAL_INTELLIGENCE",
                List.of("人工智能", "Artificial intelligence")));
        AnalysedQuery query = analyser.analyse("Quantum Computing basics");
        assertThat(query.groups()).hasSize(2);
        assertThat(query.groups().getFirst().alternatives()).contains(List.of("量子", "计算"));
        assertThat(analyser.analyse("AI").topics()).containsExactly("ARTIFICIAL_INTELLIGENCE");
        assertThat(analyser.analyse("AI 绘画").topics()).isEmpty();
    }

    @Test
    void onlyLongLatinWordsAreMatchedWithTypos() {
        QueryAnalyser analyser = new QueryAnalyser(Synonyms.empty(), Map.of());
        assertThat(analyser.analyse("grafene 石墨烯 AI").fuzzyWords()).containsExactly("grafen");
    }
}
