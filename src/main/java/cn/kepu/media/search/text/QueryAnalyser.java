package cn.kepu.media.search.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns query text into an {@link AnalysedQuery}: words by {@link TextAnalysis}, concepts by the synonym set, and
 * the topics a query names as a whole. Pure: the synonym set and topic names are given.
 */
public final class QueryAnalyser {

    private final Synonyms synonyms;
    /** Topic code to the analysed words of each of its names. */
    private final Map<String, List<List<String>>> topicNames;

    public QueryAnalyser(Synonyms synonyms, Map<String, List<String>> topicNamesByCode) {
        this.synonyms = synonyms;
        this.topicNames = new java.util.LinkedHashMap<>();
        topicNamesByCode.forEach((code, names) -> topicNames.put(code,
                names.stream().map(TextAnalysis::words).filter(w -> !w.isEmpty()).toList()));
    }

    public AnalysedQuery analyse(String text) {
        return analyse(text, TextAnalysis.words(text));
    }

    /**
     * The query with misspelt Latin-script words replaced by the closest word of the synonym vocabulary, or empty
     * when nothing was corrected: what a relaxed search tries ("quantm computing" as quantum computing, and so
     * also 量子计算).
     */
    public java.util.Optional<AnalysedQuery> corrected(AnalysedQuery query) {
        List<String> words = new ArrayList<>(query.words());
        boolean changed = false;
        for (int i = 0; i < words.size(); i++) {
            var fixed = synonyms.correction(words.get(i));
            if (fixed.isPresent()) {
                words.set(i, fixed.get());
                changed = true;
            }
        }
        return changed ? java.util.Optional.of(analyse(query.text(), words)) : java.util.Optional.empty();
    }

    /**
     * Other readings of the query a relaxed search also tries: with misspelt words corrected, and word by word
     * (compound concepts split into their words, each with its own synonyms). Only readings that differ.
     */
    public List<AnalysedQuery> readings(AnalysedQuery query) {
        List<AnalysedQuery> readings = new ArrayList<>();
        java.util.Optional<AnalysedQuery> corrected = corrected(query);
        corrected.ifPresent(readings::add);
        AnalysedQuery base = corrected.orElse(query);
        AnalysedQuery split = analyse(base.text(), base.words(), 1);
        if (!split.groups().equals(base.groups())) {
            readings.add(split);
        }
        return readings;
    }

    /** The query read word by word: compound concepts split into their words, each with its own synonyms. */
    public AnalysedQuery wordByWord(AnalysedQuery query) {
        return analyse(query.text(), query.words(), 1);
    }

    private AnalysedQuery analyse(String text, List<String> words) {
        return analyse(text, words, Integer.MAX_VALUE);
    }

    private AnalysedQuery analyse(String text, List<String> words, int longestName) {
        List<AnalysedQuery.Group> groups = new ArrayList<>();
        Set<String> hints = new LinkedHashSet<>();
        List<Synonyms.Match> matches = synonyms.find(words, longestName);
        matches.forEach(m -> hints.addAll(m.topics()));
        int next = 0;
        for (Synonyms.Match match : matches) {
            for (int i = next; i < match.start(); i++) {
                groups.add(new AnalysedQuery.Group(List.of(List.of(words.get(i)))));
            }
            groups.add(new AnalysedQuery.Group(match.alternatives()));
            next = match.end();
        }
        for (int i = next; i < words.size(); i++) {
            groups.add(new AnalysedQuery.Group(List.of(List.of(words.get(i)))));
        }
        return new AnalysedQuery(text, words, groups, topics(words, groups), hints);
    }

    /** Topics named by the whole query, directly or through a synonym (AI names 人工智能). */
    private Set<String> topics(List<String> words, List<AnalysedQuery.Group> groups) {
        Set<String> found = new LinkedHashSet<>();
        topicNames.forEach((code, names) -> {
            for (List<String> name : names) {
                boolean whole = words.equals(name)
                        || groups.size() == 1 && groups.getFirst().alternatives().contains(name);
                if (whole) {
                    found.add(code);
                }
            }
        });
        return found;
    }
}
