package cn.kepu.media.search.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.LowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Word-level analysis of Chinese and English text, done in the service so that it works on any Elasticsearch (the
 * minimal distribution has no Chinese segmenter, stemmer or synonym filter). Chinese is segmented into words by
 * Lucene's hidden-Markov-model segmenter (smartcn); English words are lower-cased, possessives and stop words
 * dropped and Porter-stemmed, as Lucene's EnglishAnalyzer does. Full-width letters and digits are folded first.
 *
 * <p>The same chain runs at index time (documents carry the result in whitespace-analysed fields) and at query time,
 * so a query word matches exactly the document words it would match in a Lucene index with this analyzer; and the
 * highlighter runs it over the original text, whose offsets put highlights on word boundaries.
 *
 * <p>Thread-safe: Lucene analyzers reuse per-thread token stream components.
 */
public final class TextAnalysis {

    /**
     * Particles that never carry a topic. Only these: the segmenter also emits parts of words it does not know as
     * single characters (碳中和 becomes 碳 / 中 / 和), so dropping 和, 与 or 在 would lose words.
     */
    private static final List<String> CHINESE_FUNCTION_WORDS = List.of("的", "了", "着", "吗", "呢", "吧", "啊");

    private static final CharArraySet STOP_WORDS;

    static {
        CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
        stop.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stop.addAll(CHINESE_FUNCTION_WORDS);
        // The segmenter splits at apostrophes (Einstein's, don't), leaving these behind.
        stop.add("s");
        stop.add("t");
        // Punctuation the smartcn stop list does not name (full-width forms are folded by the char filter).
        for (String p : List.of("、", "。", "，", "：", "；", "！", "？", "“", "”", "‘", "’", "《", "》", "（", "）",
                "【", "】", "·", "…", "—", "/", "\\", "%", "·")) {
            stop.add(p);
        }
        STOP_WORDS = CharArraySet.unmodifiableSet(stop);
    }

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer tokenizer = new HMMChineseTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new EnglishPossessiveFilter(stream);
            stream = new StopFilter(stream, STOP_WORDS);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new CJKWidthCharFilter(reader);
        }
    };

    private TextAnalysis() {
    }

    /** The analyzer itself, for the highlighter (offsets point into the original text). */
    public static Analyzer analyzer() {
        return ANALYZER;
    }

    /** The words of {@code text} in order (stemmed, lower-case, without stop words and punctuation). */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing in-memory text cannot fail", e);
        }
        return words;
    }

    /** The words of {@code text} joined by spaces: what a whitespace-analysed index field receives. */
    public static String joined(String text) {
        return String.join(" ", words(text));
    }

    /** Longest run {@link #runs} writes (in characters), unless a single word is longer. */
    public static final int RUN_CHARS = 8;

    /**
     * For each Han word of {@code joined} (words joined by spaces, as {@link #joined}), the word followed by the Han
     * words after it, joined without spaces while the run stays within {@link #RUN_CHARS} characters; the runs joined
     * by spaces. Indexed with every prefix, a run tells where characters start a word or a run of words (深海 in
     * 深海探测, 量子计算 in 量子 计算机) without looking for them as adjacent characters.
     */
    public static String runs(String joined) {
        String[] words = joined.split(" ");
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (!isHan(List.of(words[i]))) {
                continue;
            }
            if (!runs.isEmpty()) {
                runs.append(' ');
            }
            runs.append(words[i]);
            int length = words[i].codePointCount(0, words[i].length());
            for (int next = i + 1; next < words.length && isHan(List.of(words[next])); next++) {
                length += words[next].codePointCount(0, words[next].length());
                if (length > RUN_CHARS) {
                    break;
                }
                runs.append(words[next]);
            }
        }
        return runs.toString();
    }

    /** Whether every word is written in Han characters (so it can also be matched character by character). */
    public static boolean isHan(List<String> words) {
        return !words.isEmpty() && words.stream().allMatch(w -> !w.isEmpty() && w.codePoints()
                .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    }

    /** Whether the word is written in Latin script (typo tolerance applies only to such words). */
    public static boolean isLatin(String word) {
        return !word.isEmpty() && word.codePoints().allMatch(c -> c < 0x250 && Character.isLetterOrDigit(c))
                && word.codePoints().anyMatch(Character::isLetter);
    }
}
