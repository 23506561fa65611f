package cn.kepu.media.search;

import cn.kepu.media.search.text.AnalysedQuery;
import cn.kepu.media.search.text.TextAnalysis;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text part of a search as an Elasticsearch query, from an {@link AnalysedQuery}. Pure (no I/O), so the ranking
 * design is readable in one place:
 *
 * <ul>
 * <li><b>Recall, strict</b>: every concept of the query (a word, or a word with its synonyms) occurs as a word in
 * some field of the work; or the query occurs as written, character for character, in one field (Chinese text the
 * segmenter splits differently, 量子计算 in 量子计算机); or the query names the work's topic.</li>
 * <li><b>Recall, relaxed</b> (only when the strict query finds nothing): fewer concepts required, Latin-script words
 * also match within an edit distance, and most of the query's characters in one field.</li>
 * <li><b>Ranking</b>: word matches in titles, tags and names count most, descriptions least; several concepts as a
 * phrase and the whole query as the title's words add on top; in the relaxed query adjacent character pairs
 * (shingles) add a little, so works that only share scattered characters rank last.</li>
 * <li><b>Cost</b>: every clause costs Elasticsearch work on every search, matching or not, so no clause is there
 * twice and Han words are not looked for in the English translation fields.</li>
 * </ul>
 */
final class SearchQueries {

    /** Word fields (analysed in the service) and their weights. */
    static final Map<String, Double> WORD_FIELDS = ordered(
            "w.title", 6.0, "w.titleEn", 6.0, "w.tags", 5.0, "w.creators", 4.0, "w.affiliations", 4.0,
            "w.description", 1.5, "w.descriptionEn", 1.5);
    /** The character fields weighted as the word fields: the whole query character for character ({@link #adjacent}). */
    static final Map<String, Double> WORD_FIELDS_AS_CHARS = ordered(
            "title", 6.0, "titleEn", 6.0, "tags", 5.0, "creators", 4.0, "affiliations", 4.0,
            "description", 1.5, "descriptionEn", 1.5);
    /**
     * The fields a Han word is looked for in: the English translations (titleEn, descriptionEn) hold no Chinese, and
     * every field queried costs Elasticsearch a clause, whether it matches or not.
     */
    static final Map<String, Double> HAN_WORD_FIELDS = without(WORD_FIELDS, "w.titleEn", "w.descriptionEn");
    static final Map<String, Double> HAN_FIELDS_AS_CHARS = without(WORD_FIELDS_AS_CHARS, "titleEn", "descriptionEn");
    /** Suffix of each Han word field's companion: runs of adjacent Han words, their prefixes indexed ({@link #contained}). */
    static final String RUNS = "Runs";
    /** Character fields (standard tokenizer: one token per Han character) with their shingle sub-fields. */
    static final Map<String, Double> CHAR_FIELDS = ordered(
            "title", 3.0, "titleEn", 3.0, "tags", 2.0, "creators", 2.0, "affiliations", 1.0,
            "description", 0.75, "descriptionEn", 0.75);
    /** Weight of a synonym relative to the words as typed. */
    static final double SYNONYM_WEIGHT = 0.9;
    /** Score added to works of a topic the query's concepts belong to (about a title match). */
    static final double TOPIC_HINT_BOOST = 10.0;
    /**
     * Factor on the score of works of a topic the query's curated concepts belong to: a work of another field that
     * uses the word ("A deep sea of data") ranks below the works about it.
     */
    static final double TOPIC_PRIOR = 3.0;
    /** Share of the other fields' scores added to the best field's: a concept in title, tags and text counts more. */
    static final double FIELD_TIE = 0.3;
    /**
     * Weight of a Chinese concept found inside a longer word (深海 in 深海探测, character by character) relative to the
     * same concept as a word of its own.
     */
    static final double CONTAINED = 0.5;
    /** Scale of the fill tier's scores: below every strict match. */
    static final double FILL_WEIGHT = 0.001;

    /**
     * Score added to every strict match of {@link #inField}, above anything the fill can score ({@link #FILL_WEIGHT}
     * times a concept score, which stays far below 10 000): a tier whose best hit scores less found only fill. Told
     * by score rather than by named queries, which Elasticsearch evaluates again for every hit of the page in its
     * fetch phase (0.6–0.8 ms of a search, profiled 2026-12-02). The same for every strict match, so their order is
     * unchanged.
     */
    static final double STRICT_FLOOR = 10.0;

    private final ObjectMapper json;

    SearchQueries(ObjectMapper json) {
        this.json = json;
    }

    /** A bool query (without filters) whose hits are the candidates and whose score ranks them. */
    ObjectNode text(AnalysedQuery query, boolean relaxed) {
        return text(query, relaxed, false, false);
    }

    /**
     * @param inTopic whether the candidates are already only works of the query's hinted topics ({@link #inField}):
     *     the topic boost and prior would add the same to every one of them, so they are left out
     * @param scoresPhrase whether the caller scores the concepts as a phrase itself ({@link #adjacent}), so the
     *     sloppy phrase would read the same positions a second time
     */
    private ObjectNode text(AnalysedQuery query, boolean relaxed, boolean inTopic, boolean scoresPhrase) {
        ObjectNode lexical = json.createObjectNode();
        ObjectNode bool = lexical.putObject("bool");
        ArrayNode recall = bool.putArray("must").addObject().putObject("bool").put("minimum_should_match", 1)
                .putArray("should");
        if (query.hasWords()) {
            recall.add(concepts(query, relaxed));
        }
        if (relaxed) {
            recall.addObject().putObject("multi_match").put("query", query.text()).put("type", "best_fields")
                    .put("minimum_should_match", "2<75%").set("fields", fields(CHAR_FIELDS, 0.5, ""));
        } else if (!query.hasWords() || !oneScriptEach(query)) {
            // Recall only, with a small constant score: a Chinese text should not outrank an English one about the
            // same thing (reached through a synonym) merely because it also matches character by character. A query
            // each of whose concepts is written in one script needs no such clause: a Han concept already matches
            // inside longer words (the CONTAINED clause of concepts), and Latin-script words are analysed word by word
            // (lower case, possessive, stop word, stem), so the query verbatim in a field means its words in that
            // field's words; it is left for mixed words (5G基站), where the segmenter may split text and query apart.
            recall.addObject().putObject("constant_score").put("boost", 1.0).putObject("filter")
                    .putObject("multi_match").put("query", query.text()).put("type", "phrase")
                    .set("fields", fields(CHAR_FIELDS, 1.0, ""));
        }
        if (!query.topics().isEmpty()) {
            ArrayNode codes = recall.addObject().putObject("constant_score").put("boost", 2.0)
                    .putObject("filter").putObject("terms").putArray("topics");
            query.topics().forEach(codes::add);
        }
        ArrayNode should = bool.putArray("should");
        // Several concepts near each other. (One concept is already matched as a phrase by concepts.)
        if (query.groups().size() > 1 && !scoresPhrase) {
            String words = String.join(" ", query.words());
            should.addObject().putObject("multi_match").put("query", words).put("type", "phrase").put("slop", 2)
                    .put("boost", 2.0).set("fields", fields(wordFields(query.words()), 1.0, ""));
        }
        if (query.hasWords()) {
            // The whole query is the title (or all of the title's words): a tie-breaker above equal word scores.
            String words = String.join(" ", query.words());
            List<String> titles = TextAnalysis.isHan(query.words()) ? List.of("w.title")
                    : List.of("w.title", "w.titleEn");
            for (String title : titles) {
                should.addObject().putObject("constant_score").put("boost", 1.0).putObject("filter")
                        .putObject("match_phrase").put(title, words);
            }
        }
        if (relaxed) {
            // Adjacent characters count a little, so works that only share scattered characters rank last. A strict
            // match has every concept as a word or as adjacent characters already.
            should.addObject().putObject("multi_match").put("query", query.text()).put("type", "best_fields")
                    .put("boost", 0.3).set("fields", fields(CHAR_FIELDS, 1.0, ".pairs"));
        }
        if (!query.topicHints().isEmpty() && !inTopic) {
            ArrayNode codes = should.addObject().putObject("constant_score").put("boost", TOPIC_HINT_BOOST)
                    .putObject("filter").putObject("terms").putArray("topics");
            query.topicHints().forEach(codes::add);
        }
        if (query.topicHints().isEmpty() || inTopic) {
            return lexical;
        }
        ObjectNode root = json.createObjectNode();
        ObjectNode score = root.putObject("function_score");
        score.set("query", lexical);
        score.putArray("functions").addObject().put("weight", TOPIC_PRIOR).set("filter", topicFilter(query));
        score.put("boost_mode", "multiply").put("score_mode", "first");
        return root;
    }

    /**
     * The strict tiers in the order they are tried (a later one only when the earlier ones found nothing): for a
     * query naming curated concepts of a field, {@link #inField} first; then {@link #text}.
     */
    List<ObjectNode> strictTiers(AnalysedQuery query, AnalysedQuery wordByWord) {
        if (!query.hasWords()) {
            return List.of(text(query, false));
        }
        if (query.topicHints().isEmpty()) {
            if (query.groups().size() > 1) {
                return List.of(adjacent(query), text(query, false));
            }
            return List.of(text(query, false));
        }
        return List.of(inField(query, wordByWord), text(query, false));
    }

    /**
     * Whether tier {@code tier} of {@link #strictTiers} is {@link #inField}, whose strict hits score at least
     * {@link #STRICT_FLOOR}.
     */
    static boolean floored(AnalysedQuery query, int tier) {
        return tier == 0 && query.hasWords() && !query.topicHints().isEmpty();
    }

    /**
     * The first tier of a query of several concepts that names no field (a person, an institution, a place, a
     * phrase): the strict matches that contain the concepts next to each other and in order, in one field — the
     * query as a phrase, in any of its same-script readings (synonyms), or character for character. When some work
     * has the phrase, works in which the words only occur scattered (中国科学院 … 化学物理研究所 for
     * 中国科学院物理研究所, "Hannah Lee … Arthur C. Clarke" for Hannah Clarke) name something else and are left out;
     * when none has it, the next tier ({@link #text}) ranks the scattered matches.
     */
    ObjectNode adjacent(AnalysedQuery query) {
        ObjectNode root = json.createObjectNode();
        ObjectNode bool = root.putObject("bool");
        ArrayNode must = bool.putArray("must");
        must.add(text(query, false, false, true));
        // Required and scored at once: the words as typed, as a phrase, score what text's sloppy phrase scores in the
        // next tier (every work here has some reading adjacent, so the sloppy phrase would read the same positions
        // again); the other readings only admit (constant score 0).
        ArrayNode phrases = must.addObject().putObject("bool").put("minimum_should_match", 1).putArray("should");
        boolean typed = true;
        for (List<String> words : readings(query.groups())) {
            ObjectNode phrase = json.createObjectNode();
            phrase.putObject("multi_match").put("query", String.join(" ", words)).put("type", "phrase")
                    .set("fields", fields(wordFields(words), 1.0, ""));
            if (typed) {
                ((ObjectNode) phrase.get("multi_match")).put("boost", 2.0);
                phrases.add(phrase);
            } else {
                phrases.addObject().putObject("constant_score").put("boost", 0.0).set("filter", phrase);
            }
            typed = false;
            if (TextAnalysis.isHan(words)) {
                String chars = String.join("", words);
                phrases.addObject().putObject("constant_score").put("boost", 0.0).putObject("filter")
                        .putObject("multi_match").put("query", chars).put("type", "phrase")
                        .set("fields", fields(HAN_FIELDS_AS_CHARS, 1.0, charPhrase(chars)));
            }
        }
        return root;
    }

    /** Most readings of a query as one phrase: its concepts' alternatives combined, each reading in one script. */
    static final int MAX_READINGS = 8;

    /**
     * The query's concepts read as one phrase, alternatives combined (the words as typed first), keeping only
     * readings written in one script (a Chinese text does not hold an English synonym next to a Chinese word), and
     * the words as typed whatever their scripts (5G基站).
     */
    static List<List<String>> readings(List<AnalysedQuery.Group> groups) {
        List<List<String>> readings = new java.util.ArrayList<>();
        readings.add(List.of());
        for (AnalysedQuery.Group group : groups) {
            List<List<String>> next = new java.util.ArrayList<>();
            for (List<String> reading : readings) {
                for (List<String> alternative : group.alternatives()) {
                    List<String> joined = new java.util.ArrayList<>(reading);
                    joined.addAll(alternative);
                    if (oneScript(joined) && next.size() < MAX_READINGS) {
                        next.add(joined);
                    }
                }
            }
            readings = next;
        }
        List<String> typed = new java.util.ArrayList<>();
        groups.forEach(g -> typed.addAll(g.typed()));
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(typed);
        readings.stream().filter(r -> !r.equals(typed)).forEach(all::add);
        return all;
    }

    private static boolean oneScript(List<String> words) {
        return TextAnalysis.isHan(words) || words.stream().noneMatch(w -> TextAnalysis.isHan(List.of(w)));
    }

    /**
     * The first tier of a query naming curated concepts of a field (topic hints): the strict matches among the works
     * of that field, then, scored below all of them, the field's works that match every curated concept of the query
     * read word by word — its cross-language part (火星探测 finds "Mars rovers" through 火星 ↔ Mars; "self-driving
     * cars" finds 自动驾驶汽车 through self-driving ↔ 自动驾驶). Works of other fields that merely use the words
     * ("Rocket salad", "黑洞"般的消费陷阱) appear only when the field has no strict match (the next tier, {@link #text});
     * a tier that found only fill counts as empty (its best hit scores below {@link #STRICT_FLOOR}).
     *
     * @param wordByWord the query with compound concepts split into their words, each with its own synonyms
     */
    ObjectNode inField(AnalysedQuery query, AnalysedQuery wordByWord) {
        ObjectNode root = json.createObjectNode();
        ObjectNode bool = root.putObject("bool");
        bool.putArray("filter").add(topicFilter(query));
        ArrayNode either = bool.putArray("should");
        ObjectNode strict = either.addObject().putObject("bool");
        strict.putArray("must").add(text(query, false, true, false));
        strict.putArray("should").addObject().putObject("constant_score").put("boost", STRICT_FLOOR)
                .putObject("filter").putObject("match_all");
        // The curated concepts of the query when it has other words too (self-driving + cars); when it is all curated
        // concepts, those inside them (火星探测 → 火星).
        List<AnalysedQuery.Group> curated = curated(query);
        if (curated.size() == query.groups().size()) {
            curated = curated(wordByWord);
        }
        if (!curated.isEmpty() && !curated.equals(query.groups())) {
            ObjectNode fill = concepts(curated, false);
            ((ObjectNode) fill.get("bool")).put("boost", FILL_WEIGHT);
            either.add(fill);
        }
        bool.put("minimum_should_match", 1);
        return root;
    }

    /** Whether every concept of the query, as typed, is written in one script: all Han, or all Latin words. */
    private static boolean oneScriptEach(AnalysedQuery query) {
        return query.groups().stream().allMatch(g -> TextAnalysis.isHan(g.typed())
                || g.typed().stream().allMatch(TextAnalysis::isLatin));
    }

    private static List<AnalysedQuery.Group> curated(AnalysedQuery query) {
        return query.groups().stream().filter(g -> g.alternatives().size() > 1).toList();
    }

    private ObjectNode topicFilter(AnalysedQuery query) {
        ObjectNode filter = json.createObjectNode();
        ArrayNode codes = filter.putObject("terms").putArray("topics");
        query.topicHints().forEach(codes::add);
        return filter;
    }

    /**
     * The relaxed query, also trying the other readings a relaxed search allows: the query with misspelt words
     * corrected, and the query read word by word (a compound concept such as 火星探测 as 火星 + 探测, each with its own
     * synonyms).
     */
    ObjectNode loose(AnalysedQuery query, List<AnalysedQuery> readings) {
        if (readings.isEmpty()) {
            return text(query, true);
        }
        ObjectNode root = json.createObjectNode();
        ArrayNode either = root.putObject("bool").put("minimum_should_match", 1).putArray("should");
        either.add(text(query, true));
        readings.forEach(reading -> either.add(text(reading, true)));
        return root;
    }

    /**
     * One clause per concept, each satisfied by any of its alternatives as a phrase of words in any word field.
     * Strict: all concepts required. Relaxed: about half, and Latin-script words also fuzzily.
     */
    private ObjectNode concepts(AnalysedQuery query, boolean relaxed) {
        return concepts(query.groups(), relaxed);
    }

    private ObjectNode concepts(List<AnalysedQuery.Group> groups, boolean relaxed) {
        ObjectNode node = json.createObjectNode();
        ObjectNode bool = node.putObject("bool");
        ArrayNode clauses = bool.putArray(relaxed ? "should" : "must");
        for (AnalysedQuery.Group group : groups) {
            ArrayNode any = clauses.addObject().putObject("dis_max").put("tie_breaker", 0.1).putArray("queries");
            List<List<String>> alternatives = group.alternatives();
            for (int i = 0; i < alternatives.size(); i++) {
                any.addObject().putObject("multi_match").put("query", String.join(" ", alternatives.get(i)))
                        .put("type", "phrase").put("boost", i == 0 ? 1.0 : SYNONYM_WEIGHT)
                        .put("tie_breaker", FIELD_TIE).set("fields", fields(wordFields(alternatives.get(i)), 1.0, ""));
                if (TextAnalysis.isHan(alternatives.get(i))) {
                    any.add(contained(String.join("", alternatives.get(i)),
                            (i == 0 ? 1.0 : SYNONYM_WEIGHT) * CONTAINED));
                }
            }
            if (relaxed && group.fuzzyCandidate()) {
                any.addObject().putObject("multi_match").put("query", group.typed().getFirst())
                        .put("fuzziness", "AUTO").put("prefix_length", 1).put("max_expansions", 20)
                        .put("boost", 0.6).set("fields", fields(WORD_FIELDS, 1.0, ""));
            }
        }
        if (relaxed) {
            int n = groups.size();
            bool.put("minimum_should_match", n <= 2 ? 1 : (n + 1) / 2);
        }
        return node;
    }

    /**
     * A Han concept inside a longer word, or running on from a word into the next ones (深海 in 深海探测, 量子计算 in
     * 量子 / 计算机): the characters begin a run of adjacent words of one field. Characters that straddle two words
     * (石油 in 岩石 / 油亮) begin no run. Each Han word field has a {@code Runs} companion (w.titleRuns) holding, for
     * every Han word, the word and the Han words after it joined up to {@link TextAnalysis#RUN_CHARS} characters, every
     * prefix indexed as a term of its own ({@code index_prefixes}), so the rule is one term look-up per field instead of a phrase over the character pairs
     * plus prefix and term look-ups (most of a Chinese search's cost, profiled 2026-12-03). Scored as a word match
     * ({@code scoring_boolean} keeps the look-up's BM25 score; the default would make it constant); a longer concept
     * is expanded over the runs themselves (and finds runs no longer than that).
     */
    private ObjectNode contained(String chars, double boost) {
        ObjectNode node = json.createObjectNode();
        ArrayNode fields = node.putObject("dis_max").put("tie_breaker", FIELD_TIE).put("boost", boost)
                .putArray("queries");
        HAN_WORD_FIELDS.forEach((field, weight) -> fields.addObject().putObject("prefix").putObject(field + RUNS)
                .put("value", chars).put("rewrite", "scoring_boolean").put("boost", weight));
        return node;
    }

    /**
     * Where Han characters are looked for as a phrase: two or more in the character pairs (shingles) — the same works
     * (a pair at every position of the phrase is the characters adjacent), but one term per pair instead of a phrase
     * of single characters, whose postings are the longest in the index (a 2-character word is one term look-up
     * instead of a phrase); one character in the character field (the pairs hold none alone).
     */
    private static String charPhrase(String chars) {
        return chars.codePointCount(0, chars.length()) >= 2 ? ".pairs" : "";
    }

    private static Map<String, Double> wordFields(List<String> words) {
        return TextAnalysis.isHan(words) ? HAN_WORD_FIELDS : WORD_FIELDS;
    }

    private static Map<String, Double> without(Map<String, Double> fields, String... left) {
        Map<String, Double> kept = new LinkedHashMap<>(fields);
        List.of(left).forEach(kept::remove);
        return kept;
    }

    private ArrayNode fields(Map<String, Double> weights, double factor, String suffix) {
        ArrayNode fields = json.createArrayNode();
        weights.forEach((field, weight) -> fields.add(field + suffix + "^" + weight * factor));
        return fields;
    }

    private static Map<String, Double> ordered(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }
}
