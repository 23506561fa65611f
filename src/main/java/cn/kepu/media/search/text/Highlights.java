package cn.kepu.media.search.text;

import cn.kepu.media.shared.Html;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Encoder;
import org.apache.lucene.search.highlight.Fragmenter;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;

/**
 * Highlights computed in the service with Lucene's highlighter over the same analysis the index uses, so highlights
 * cover whole words (量子 in 量子计算机, "computer" for the query "computing"), never single characters of a word.
 *
 * <p>Clients render fragments as HTML, so the only markup in a fragment is the {@code <em>}/{@code </em>} pair this
 * class writes: everything taken from the document is HTML-escaped first (the encoder runs on every piece of text
 * between markers), whatever field it comes from.
 */
public final class Highlights {

    public static final String PRE = "<em>";
    public static final String POST = "</em>";
    private static final String FIELD = "text";
    private static final int FRAGMENT_CHARS = 80;

    /** HTML text escaping: what may not appear literally in element content or an attribute value. */
    static final Encoder HTML = Highlights::escape;

    private final Query query;
    private final Set<String> words;
    /**
     * What a field value must contain (folded as {@link #folded}) for one of the words to occur in it: a Han word
     * itself; for any other word (a Porter stem, lower-cased) the stem without its last letter, which is a prefix of
     * every word form it stems from ("studi" from "study"). Null when fuzzy words make any value a candidate.
     */
    private final List<String> necessary;

    /**
     * @param words analysed query words (and synonym words) to mark
     * @param fuzzyWords Latin-script words also marked within an edit distance (when the search was relaxed)
     */
    public Highlights(Collection<String> words, Collection<String> fuzzyWords) {
        // Highlighting rewrites fuzzy terms against a one-document index per field value; keep it bounded.
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), 1024));
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        words.stream().distinct().forEach(w -> builder.add(new TermQuery(new Term(FIELD, w)), BooleanClause.Occur.SHOULD));
        fuzzyWords.stream().distinct().filter(w -> w.length() >= 4)
                .forEach(w -> builder.add(new FuzzyQuery(new Term(FIELD, w), w.length() >= 6 ? 2 : 1, 1),
                        BooleanClause.Occur.SHOULD));
        this.query = builder.build();
        this.words = Set.copyOf(words);
        this.necessary = fuzzyWords.stream().anyMatch(w -> w.length() >= 4) ? null : words.stream().distinct()
                .map(w -> TextAnalysis.isHan(List.of(w)) || w.length() < 2 ? w : w.substring(0, w.length() - 1))
                .toList();
    }

    /**
     * Whether a value can contain a match at all, without analysing it: most fields of most hits do not (a title
     * matched, the description did not), and the segmenter and highlighter cost far more than this scan.
     */
    boolean mayMatch(String value) {
        if (necessary == null) {
            return true;
        }
        String text = folded(value);
        for (String part : necessary) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-cased per code point (as LowerCaseFilter) with full-width ASCII folded (as CJKWidthCharFilter). */
    static String folded(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(
                Character.toLowerCase(c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c)));
        return out.toString();
    }

    /** The whole value with its matching words marked, or null when nothing in it matches (titles, names, tags). */
    public String whole(String value) {
        if (necessary == null) {
            return wholeByHighlighter(value);
        }
        if (value == null || value.isBlank() || words.isEmpty() || !mayMatch(value)) {
            return null;
        }
        // Exact words only: mark the value's tokens that are query words, as the highlighter would, without its
        // per-call query extraction and token caching (the same output, an order of magnitude cheaper).
        StringBuilder out = new StringBuilder(value.length() + 16);
        int copied = 0;
        int markEnd = -1;
        try (TokenStream tokens = TextAnalysis.analyzer().tokenStream(FIELD, value)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offsets = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                int start = offsets.startOffset();
                int end = offsets.endOffset();
                if (start < copied || !words.contains(term.toString())) {
                    continue;
                }
                if (start == markEnd) {
                    // Adjacent words of one match read as one highlight: 量子计算, not 量子 + 计算.
                    out.setLength(out.length() - POST.length());
                } else {
                    out.append(escape(value.substring(copied, start))).append(PRE);
                }
                out.append(escape(value.substring(start, end))).append(POST);
                copied = end;
                markEnd = end;
            }
            tokens.end();
        } catch (IOException e) {
            throw new IllegalStateException("analysing in-memory text cannot fail", e);
        }
        if (markEnd < 0) {
            return null;
        }
        return out.append(escape(value.substring(copied))).toString().strip();
    }

    /** {@link #whole} by Lucene's highlighter (also fuzzy words). */
    String wholeByHighlighter(String value) {
        List<String> fragments = fragments(value, new NullFragmenter(), 1);
        return fragments.isEmpty() ? null : fragments.getFirst();
    }

    /** Up to {@code max} fragments of about 80 characters around matches (descriptions). */
    public List<String> passages(String value, int max) {
        return fragments(value, null, max);
    }

    private List<String> fragments(String value, Fragmenter fragmenter, int max) {
        if (value == null || value.isBlank() || query instanceof BooleanQuery b && b.clauses().isEmpty()
                || !mayMatch(value)) {
            return List.of();
        }
        QueryScorer scorer = new QueryScorer(query, FIELD);
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter(PRE, POST), HTML, scorer);
        highlighter.setTextFragmenter(fragmenter != null ? fragmenter : new SimpleSpanFragmenter(scorer, FRAGMENT_CHARS));
        highlighter.setMaxDocCharsToAnalyze(Integer.MAX_VALUE);
        try (TokenStream tokens = TextAnalysis.analyzer().tokenStream(FIELD, value)) {
            List<String> result = new ArrayList<>();
            for (String fragment : highlighter.getBestFragments(tokens, value, max)) {
                if (fragment.contains(PRE)) {
                    // Adjacent words of one match read as one highlight: 量子计算, not 量子 + 计算.
                    result.add(fragment.replace(POST + PRE, "").strip());
                }
            }
            return result;
        } catch (IOException | InvalidTokenOffsetsException e) {
            throw new IllegalStateException("highlighting in-memory text cannot fail", e);
        }
    }

    static String escape(String text) {
        return Html.escape(text);
    }
}
