package cn.kepu.media.search.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A curated set of equivalent names (one group per line, comma-separated, {@code #} starts a comment), applied to
 * queries in the service so a group can change without reindexing. Every name is analysed with {@link TextAnalysis},
 * so a query matches a name whatever its spacing, case or inflection ("Quantum Computers" ~ "quantum computing").
 * A line {@code [TOPIC_CODE]} files the groups below it under that topic: a query naming such a concept prefers
 * works of the topic (黑洞 the astronomy concept over a "黑洞般的消费陷阱").
 */
public final class Synonyms {

    /** A run of query words that names a group: words {@code [start, end)} of the query, and the group's topics. */
    public record Match(int start, int end, List<List<String>> alternatives, Set<String> topics) {
    }

    private final Map<List<String>, Set<List<String>>> groupOf = new HashMap<>();
    private final Map<List<String>, Set<String>> topicsOf = new HashMap<>();
    /** Every Latin-script word of every name: the vocabulary a misspelt query word is corrected against. */
    private final Set<String> vocabulary = new java.util.TreeSet<>();
    private int longest;

    private Synonyms() {
    }

    public static Synonyms empty() {
        return new Synonyms();
    }

    public static Synonyms parse(String text) {
        Synonyms synonyms = new Synonyms();
        String topic = null;
        for (String line : text.split("\n")) {
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            if (content.startsWith("[") && content.endsWith("]")) {
                topic = content.substring(1, content.length() - 1).strip();
                topic = topic.isEmpty() || topic.equals("*") ? null : topic;
                continue;
            }
            Set<List<String>> group = new LinkedHashSet<>();
            for (String name : content.split("[,，]")) {
                List<String> words = TextAnalysis.words(name);
                if (!words.isEmpty()) {
                    group.add(List.copyOf(words));
                }
            }
            if (group.size() < 2) {
                continue;
            }
            for (List<String> name : group) {
                // A name in several groups (e.g. AI) gets the union: a query cannot say which was meant.
                synonyms.groupOf.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(group);
                Set<String> topics = synonyms.topicsOf.computeIfAbsent(name, k -> new LinkedHashSet<>());
                if (topic != null) {
                    topics.add(topic);
                }
                synonyms.longest = Math.max(synonyms.longest, name.size());
                name.stream().filter(TextAnalysis::isLatin).forEach(synonyms.vocabulary::add);
            }
        }
        return synonyms;
    }

    public static Synonyms fromClasspath(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Synonym set " + path + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The vocabulary word closest to a Latin-script word not in it, within one edit (two for words of eight letters
     * or more); empty when the word is known, short, or nothing is that close. For relaxed searches: "grafene" names
     * graphene, and through its group 石墨烯.
     */
    public java.util.Optional<String> correction(String word) {
        if (word.length() < 5 || !TextAnalysis.isLatin(word) || vocabulary.contains(word)) {
            return java.util.Optional.empty();
        }
        int allowed = word.length() >= 8 ? 2 : 1;
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : vocabulary) {
            if (Math.abs(candidate.length() - word.length()) > allowed || candidate.charAt(0) != word.charAt(0)) {
                continue;
            }
            int d = distance(word, candidate, allowed);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** Damerau-Levenshtein (optimal string alignment) distance, giving up above {@code limit}. */
    static int distance(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    public int groups() {
        return groupOf.size();
    }

    /**
     * Longest-first, left-to-right matches of names in the analysed query. Each match lists the words as written
     * first, then the other names of its group.
     */
    public List<Match> find(List<String> words) {
        return find(words, Integer.MAX_VALUE);
    }

    /** As {@link #find(List)}, considering only names of at most {@code longestName} words. */
    public List<Match> find(List<String> words, int longestName) {
        List<Match> matches = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Match found = null;
            for (int len = Math.min(Math.min(longest, longestName), words.size() - i); len >= 1 && found == null;
                    len--) {
                List<String> run = words.subList(i, i + len);
                Set<List<String>> group = groupOf.get(run);
                if (group != null) {
                    List<List<String>> alternatives = new ArrayList<>();
                    alternatives.add(List.copyOf(run));
                    group.stream().filter(name -> !name.equals(run)).forEach(alternatives::add);
                    found = new Match(i, i + len, alternatives, Set.copyOf(topicsOf.get(run)));
                }
            }
            if (found != null) {
                matches.add(found);
                i = found.end();
            } else {
                i++;
            }
        }
        return matches;
    }
}
