package cn.kepu.media.search.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A query as the index understands it: the text as typed (for the character fields), its words, and the words
 * grouped into concepts, each concept with its alternatives (the words as typed first, then curated synonyms).
 *
 * @param topics topic codes the whole query names (a topic-level query such as 新能源 or "AI")
 * @param topicHints topics of the curated concepts the query names (黑洞 is an aerospace concept): works of these
 *     topics are preferred, never required
 */
public record AnalysedQuery(String text, List<String> words, List<Group> groups, Set<String> topics,
        Set<String> topicHints) {

    /** One concept of the query: alternatives are word sequences, the first one as typed. */
    public record Group(List<List<String>> alternatives) {

        public List<String> typed() {
            return alternatives.getFirst();
        }

        /** A single Latin-script word as typed: the only kind of term a relaxed search matches with typos. */
        public boolean fuzzyCandidate() {
            return typed().size() == 1 && TextAnalysis.isLatin(typed().getFirst()) && typed().getFirst().length() >= 4;
        }
    }

    public boolean hasWords() {
        return !groups.isEmpty();
    }

    /** Every word a match may consist of: typed words and the words of their synonyms (for highlighting). */
    public Set<String> allWords() {
        Set<String> all = new LinkedHashSet<>(words);
        groups.forEach(g -> g.alternatives().forEach(all::addAll));
        return all;
    }

    public List<String> fuzzyWords() {
        List<String> fuzzy = new ArrayList<>();
        groups.stream().filter(Group::fuzzyCandidate).forEach(g -> fuzzy.add(g.typed().getFirst()));
        return fuzzy;
    }
}
