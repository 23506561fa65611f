package cn.kepu.media.search;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.search.SearchResultParts.FacetCount;
import cn.kepu.media.search.SearchResultParts.SearchFacets;
import cn.kepu.media.search.SearchResultParts.SearchHighlight;
import cn.kepu.media.search.SearchResultParts.Suggestion;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.search.text.AnalysedQuery;
import cn.kepu.media.search.text.Highlights;
import cn.kepu.media.search.text.TextAnalysis;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkVisibility;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns searchWorks, suggest and relatedWorks into Elasticsearch queries. Visibility is part of every query (a
 * filter clause), never applied to results afterwards, so counts, facets and pages agree with what the caller may
 * see. Text is analysed here ({@link SearchText}: Chinese words, English stems, synonyms) and matched by the query
 * {@link SearchQueries} builds; when the strict query finds nothing the relaxed one runs and the result says so.
 * A request pays only for what the client selected: facets, the total and highlights are computed on demand.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    /** Weight of one tag a related work shares with the work it is related to, on top of its IDF. */
    private static final double SHARED_TAG_WEIGHT = 2.0;

    /** Source fields highlighted, in the order clients list them. */
    static final List<String> HIGHLIGHTED = List.of("title", "titleEn", "tags", "creators", "affiliations",
            "description", "descriptionEn");
    /** Fields shown whole when they match (short); the rest as fragments around the matches. */
    private static final Set<String> WHOLE = Set.of("title", "titleEn", "tags", "creators", "affiliations");
    private static final Map<String, String> FACETS = Map.ofEntries(Map.entry("kinds", "kind"),
            Map.entry("topics", "topics"), Map.entry("regions", "region"), Map.entry("licences", "licence"),
            Map.entry("contests", "contestIds"), Map.entry("awardTiers", "awardTiers"),
            Map.entry("audienceLevels", "audienceLevels"), Map.entry("brands", "brandId"),
            Map.entry("aiDeclared", "aiDeclared"), Map.entry("aiDetected", "aiDetected"),
            Map.entry("aiGenerated", "aiGenerated"));
    private static final int MAX_QUERY_CHARS = 200;

    /** What the client selected, so nothing else is computed. */
    public record Wants(boolean total, Set<String> facets, boolean highlights) {
        public static final Wants ALL = new Wants(true, FACETS.keySet(), true);
    }

    /** One page of hits: ids in rank order with their cursors, scores and highlights. */
    public record Hit(UUID id, String cursor, Double score, List<SearchHighlight> highlights) {
    }

    /**
     * @param total matching works, or -1 when not asked for
     * @param relaxed whether the strict query found nothing and these are the relaxed query's results
     */
    public record Result(List<Hit> hits, boolean hasNextPage, long total, SearchFacets facets, boolean relaxed) {
    }

    private final SearchIndex index;
    private final ObjectMapper json;
    private final Caller caller;
    private final Clock clock;
    private final SearchText text;
    private final SearchQueries queries;

    public SearchService(SearchIndex index, ObjectMapper json, Caller caller, Clock clock, SearchText text) {
        this.index = index;
        this.json = json;
        this.caller = caller;
        this.clock = clock;
        this.text = text;
        this.queries = new SearchQueries(json);
    }

    /**
     * Queries as analysed, by the text as typed (stripped), and the strict tiers built from each analysis: both depend
     * only on the text and on the synonyms and topic names, which are read once ({@link SearchText}), so a text searched again
     * (a popular query, the next page, another filter) skips the segmentation and the building of its clauses. The
     * tiers are shared, so nothing may change them: requests only add them to bodies of their own.
     */
    private final Cache<String, AnalysedQuery> analysedQueries = Caffeine.newBuilder().maximumSize(4_096)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    // A query's tiers are a few to some tens of kilobytes as trees: fewer of them, the most recently used.
    private final Cache<AnalysedQuery, List<ObjectNode>> strictTiers = Caffeine.newBuilder().maximumSize(512)
            .expireAfterAccess(Duration.ofMinutes(30)).build();

    private AnalysedQuery analysed(String typed) {
        return analysedQueries.get(typed, text::analyse);
    }

    public Result search(String query, SearchFilter filter, SearchSort sort, int first, String after) {
        return search(query, filter, sort, first, after, Wants.ALL);
    }

    public Result search(String query, SearchFilter filter, SearchSort sort, int first, String after, Wants wants) {
        String typed = query == null ? "" : query.strip();
        if (typed.length() > MAX_QUERY_CHARS) {
            throw new ApiException(ErrorCode.VALIDATION, "query", Msg.of("search.query.tooLong", MAX_QUERY_CHARS));
        }
        Cursor cursor = after == null || after.isBlank() ? null : decodeCursor(after);
        AnalysedQuery analysed = typed.isEmpty() ? null : analysed(typed);
        SearchSort order = sort == null ? SearchSort.RELEVANCE : sort;
        if (analysed != null && order == SearchSort.RELEVANCE) {
            return ranked(analysed, filter, first, cursor, wants);
        }
        return sorted(analysed, filter, order, first, cursor, wants);
    }

    /**
     * Text search by relevance, in tiers tried in order until one finds something ({@link SearchQueries#strictTiers}:
     * for a query naming curated concepts of a field, that field's works first; then every strict match); if none
     * does, the works the relaxed query finds (fewer words, typos, spelling corrected, compound concepts word by
     * word), and the result says so. Cursors are offsets into the list with the tier they belong to, so later pages
     * stay in the tier of the first.
     */
    private Result ranked(AnalysedQuery analysed, SearchFilter filter, int first, Cursor cursor, Wants wants) {
        if (cursor != null && cursor.values() != null) {
            throw new ApiException(ErrorCode.VALIDATION, "after", Msg.of("search.cursor.otherSort"));
        }
        int offset = cursor == null ? 0 : cursor.offset();
        List<ObjectNode> strict = strictTiers.get(analysed,
                ignored -> queries.strictTiers(analysed, text.wordByWord(analysed)));
        int tier = cursor == null ? 0 : Math.min(cursor.tier(), strict.size());
        List<AnalysedQuery> readings = List.of();
        JsonNode response = null;
        while (tier < strict.size()) {
            response = msearch(List.of(rankedBody(strict.get(tier), filter, offset, first, wants))).getFirst();
            if (offset > 0 || foundStrictly(response, SearchQueries.floored(analysed, tier))) {
                break;
            }
            tier++;
        }
        boolean relaxed = tier == strict.size();
        if (relaxed) {
            readings = text.readings(analysed);
            response = msearch(List.of(rankedBody(queries.loose(analysed, readings), filter, offset, first, wants)))
                    .getFirst();
        }
        JsonNode hits = response.path("hits").path("hits");
        Highlights highlighter = null;
        if (wants.highlights()) {
            Set<String> words = new java.util.LinkedHashSet<>(analysed.allWords());
            readings.forEach(r -> words.addAll(r.allWords()));
            highlighter = new Highlights(words, relaxed ? analysed.fuzzyWords() : List.of());
        }
        List<Hit> page = new ArrayList<>();
        for (int i = 0; i < Math.min(first, hits.size()); i++) {
            JsonNode hit = hits.get(i);
            ObjectNode next = json.createObjectNode().put("o", offset + i + 1);
            if (tier > 0) {
                next.put("t", tier);
            }
            page.add(new Hit(UUID.fromString(hit.path("_id").asText()), encode(next),
                    hit.path("_score").isNumber() ? hit.path("_score").asDouble() : null,
                    highlighter == null ? List.of() : highlights(highlighter, hit.path("_source"))));
        }
        long total = wants.total() ? response.path("hits").path("total").path("value").asLong() : -1;
        return new Result(page, hits.size() > first, total, facets(response.path("aggregations")), relaxed);
    }

    /**
     * Hits, the best of them a strict match (not only the fill of {@link SearchQueries#inField}, whose strict matches
     * score at least {@link SearchQueries#STRICT_FLOOR} when {@code floored}).
     */
    private static boolean foundStrictly(JsonNode response, boolean floored) {
        JsonNode best = response.path("hits").path("hits").path(0);
        if (best.isMissingNode()) {
            return false;
        }
        return !floored || best.path("_score").asDouble(0) >= SearchQueries.STRICT_FLOOR;
    }

    private ObjectNode rankedBody(ObjectNode text, SearchFilter filter, int from, int first, Wants wants) {
        ObjectNode body = json.createObjectNode();
        body.put("from", from).put("size", first + 1).put("track_total_hits", wants.total());
        if (wants.highlights()) {
            ArrayNode fields = body.putArray("_source");
            HIGHLIGHTED.forEach(fields::add);
        } else {
            body.put("_source", false);
        }
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filters = bool.putArray("filter");
        filters.add(visibility());
        if (filter != null) {
            applyFilter(filter, filters);
        }
        bool.putArray("must").add(text);
        body.set("sort", sortOf(SearchSort.RELEVANCE, true));
        addFacets(body, wants);
        return body;
    }

    /** Listing order (newest, most downloaded, or no text): keyset paging by sort values. */
    private Result sorted(AnalysedQuery analysed, SearchFilter filter, SearchSort sort, int first, Cursor cursor,
            Wants wants) {
        boolean relaxed = cursor != null && cursor.relaxed();
        JsonNode response = call(body(analysed, relaxed, filter, sort, first, cursor, wants));
        if (analysed != null && !relaxed && cursor == null && response.path("hits").path("hits").isEmpty()) {
            // Never an empty page when something is near: fewer words required, typos forgiven.
            relaxed = true;
            response = call(body(analysed, true, filter, sort, first, null, wants));
        }
        JsonNode hits = response.path("hits").path("hits");
        Highlights highlighter = analysed != null && wants.highlights()
                ? new Highlights(analysed.allWords(), relaxed ? analysed.fuzzyWords() : List.of())
                : null;
        List<Hit> page = new ArrayList<>();
        for (int i = 0; i < Math.min(first, hits.size()); i++) {
            JsonNode hit = hits.get(i);
            ObjectNode next = json.createObjectNode();
            next.set("s", hit.path("sort"));
            if (relaxed) {
                next.put("r", true);
            }
            page.add(new Hit(UUID.fromString(hit.path("_id").asText()), encode(next),
                    hit.path("_score").isNumber() ? hit.path("_score").asDouble() : null,
                    highlighter == null ? List.of() : highlights(highlighter, hit.path("_source"))));
        }
        long total = wants.total() ? response.path("hits").path("total").path("value").asLong() : -1;
        return new Result(page, hits.size() > first, total, facets(response.path("aggregations")), relaxed);
    }

    private ObjectNode body(AnalysedQuery analysed, boolean relaxed, SearchFilter filter, SearchSort sort, int first,
            Cursor cursor, Wants wants) {
        ObjectNode body = json.createObjectNode();
        body.put("size", first + 1).put("track_total_hits", wants.total());
        if (analysed != null && wants.highlights()) {
            ArrayNode source = body.putArray("_source");
            HIGHLIGHTED.forEach(source::add);
        } else {
            body.put("_source", false);
        }
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filters = bool.putArray("filter");
        filters.add(visibility());
        if (filter != null) {
            applyFilter(filter, filters);
        }
        if (analysed != null) {
            bool.putArray("must").add(relaxed ? queries.loose(analysed, text.readings(analysed))
                    : queries.text(analysed, false));
        }
        body.set("sort", sortOf(sort == null ? SearchSort.RELEVANCE : sort, analysed != null));
        if (cursor != null) {
            if (cursor.values() == null) {
                throw new ApiException(ErrorCode.VALIDATION, "after", Msg.of("search.cursor.otherSort"));
            }
            body.set("search_after", cursor.values());
        }
        addFacets(body, wants);
        return body;
    }

    private static void addFacets(ObjectNode body, Wants wants) {
        if (!wants.facets().isEmpty()) {
            ObjectNode aggs = body.putObject("aggs");
            FACETS.forEach((name, field) -> {
                if (wants.facets().contains(name)) {
                    aggs.putObject(name).putObject("terms").put("field", field).put("size", 50);
                }
            });
        }
    }

    public List<Suggestion> suggest(String prefix, int size) {
        String text = prefix == null ? "" : prefix.strip();
        if (text.isEmpty() || text.length() > 100) {
            throw new ApiException(ErrorCode.VALIDATION, "prefix", Msg.of("search.prefix.length", 1, 100));
        }
        ObjectNode body = json.createObjectNode();
        body.put("_source", false);
        // Duplicates are removed here, not with the completion suggester's skip_duplicates: that option drops
        // suggestions erratically depending on unrelated inputs of the same documents (elastic/elasticsearch#47269),
        // which left a published title out of autocomplete in one test run. Asking for a few more covers the
        // duplicates dropped here.
        body.putObject("suggest").putObject("titles").put("prefix", text).putObject("completion")
                .put("field", "suggest").put("size", Math.min(size * 3, 100));
        Map<String, Suggestion> byText = new LinkedHashMap<>();
        for (JsonNode option : call(body).path("suggest").path("titles").path(0).path("options")) {
            String suggested = option.path("text").asText();
            if (byText.size() < size) {
                byText.putIfAbsent(suggested, new Suggestion(suggested, option.path("_id").asText()));
            }
        }
        return List.copyOf(byText.values());
    }

    /** Works like the given one (which the caller must be allowed to see), by shared words and topics. */
    public List<UUID> related(Work work, List<String> topics, int size) {
        ObjectNode body = json.createObjectNode();
        body.put("size", size).put("_source", false);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").add(visibility());
        bool.putArray("must_not").addObject().putObject("ids").putArray("values").add(work.id.toString());
        ArrayNode should = bool.putArray("should");
        ObjectNode mlt = should.addObject().putObject("more_like_this");
        // The word fields hold analysed text, so the like-text is analysed the same way here.
        mlt.putArray("fields").add("w.title").add("w.titleEn").add("w.tags").add("w.description")
                .add("w.descriptionEn");
        ArrayNode like = mlt.putArray("like");
        like.add(TextAnalysis.joined(work.title));
        if (work.titleEn != null) {
            like.add(TextAnalysis.joined(work.titleEn));
        }
        like.add(TextAnalysis.joined(String.join(" ", work.tags)));
        like.add(TextAnalysis.joined(work.description));
        if (work.descriptionEn != null) {
            like.add(TextAnalysis.joined(work.descriptionEn));
        }
        mlt.put("min_term_freq", 1).put("min_doc_freq", 1).put("max_query_terms", 40)
                .put("minimum_should_match", "10%");
        ArrayNode topicTerms = should.addObject().putObject("terms").put("boost", 2.0).putArray("topics");
        topics.forEach(topicTerms::add);
        // A tag the two works share, as the entrant wrote it: a term query per tag is weighted by how rare the tag is
        // in the library, so a shared specific tag outweighs shared common words. The like-text alone cannot see it
        // when analysis splits the tag into common pieces (a code such as kpz2026 becomes runs of letters and digits).
        for (String tag : new LinkedHashSet<>(List.of(work.tags))) {
            if (!tag.isBlank()) {
                should.addObject().putObject("term").putObject("tags.exact")
                        .put("value", tag.strip().toLowerCase(Locale.ROOT)).put("boost", SHARED_TAG_WEIGHT);
            }
        }
        bool.put("minimum_should_match", 1);
        List<UUID> ids = new ArrayList<>();
        for (JsonNode hit : call(body).path("hits").path("hits")) {
            ids.add(UUID.fromString(hit.path("_id").asText()));
        }
        return ids;
    }

    /**
     * The works' visibility rule ({@link WorkVisibility}: organizers and moderators see everything, entrants also
     * their own works, everyone else published works whose publication time has passed) as an index filter. Who sees
     * what comes from the same decision as every database read; the time is this filter's own, rounded down to the
     * visibility step ({@link #publicVisibility()}), so a work shows here up to a step late, never early.
     */
    private ObjectNode visibility() {
        WorkVisibility decision = WorkVisibility.of(caller, clock.instant());
        if (decision.unrestricted()) {
            return json.createObjectNode().set("match_all", json.createObjectNode());
        }
        ObjectNode published = publicVisibility();
        if (decision.owner().isEmpty()) {
            return published;
        }
        ObjectNode either = json.createObjectNode();
        ArrayNode should = either.putObject("bool").put("minimum_should_match", 1).putArray("should");
        should.add(published);
        should.addObject().putObject("term").put("ownerId", decision.me().toString());
        return either;
    }

    /** What the public (anonymous callers, media outlets, judges) may see: published works past their release. */
    private ObjectNode publicVisibility() {
        long step = Math.max(1, index.config().visibilityStep().toMillis());
        long at = Math.floorDiv(clock.millis(), step) * step;
        PublicFilter last = publicFilter;
        if (last != null && last.at() == at) {
            return last.filter();
        }
        ObjectNode filter = publicVisibility(at);
        publicFilter = new PublicFilter(at, filter);
        return filter;
    }

    /**
     * The public filter of the current visibility step, shared by the requests of that step (it is the same for all of
     * them; requests only add it to bodies of their own, never change it).
     */
    private record PublicFilter(long at, ObjectNode filter) {
    }

    private volatile PublicFilter publicFilter;

    private ObjectNode publicVisibility(long at) {
        ObjectNode published = json.createObjectNode();
        ObjectNode bool = published.putObject("bool");
        ArrayNode must = bool.putArray("filter");
        must.addObject().putObject("term").put("status", "PUBLISHED");
        // The clock's time rounded down to the visibility step (100 ms): the filter is the same for every request
        // within a step (cacheable), and a work becomes visible up to a step late, never early.
        String now = Instant.ofEpochMilli(at).toString();
        must.addObject().putObject("range").putObject("publishedAt").put("lte", now);
        bool.putArray("must_not").addObject().putObject("range").putObject("embargoUntil").put("gt", now);
        return published;
    }

    private void applyFilter(SearchFilter filter, ArrayNode filters) {
        terms(filters, "kind", filter.kinds());
        terms(filters, "topics", filter.topics());
        terms(filters, "region", filter.regions());
        terms(filters, "contestIds", filter.contestIds());
        terms(filters, "awardTiers", filter.awardTiers());
        terms(filters, "licence", filter.licences());
        terms(filters, "orientations", filter.orientations());
        terms(filters, "collectionIds", filter.collectionIds());
        if (filter.hasFiles() != null) {
            // Every verified file is in the document's media facts.
            ObjectNode withFiles = json.createObjectNode();
            withFiles.putObject("exists").put("field", "media.mimeType");
            filters.add(filter.hasFiles() ? withFiles
                    : json.createObjectNode().set("bool", json.createObjectNode().set("must_not", withFiles)));
        }
        terms(filters, "audienceLevels", filter.audienceLevels());
        terms(filters, "brandId", filter.brandIds());
        terms(filters, "aiDeclared", filter.aiDeclared());
        terms(filters, "aiDetected", filter.aiDetected());
        if (filter.aiGenerated() != null) {
            filters.addObject().putObject("term").put("aiGenerated", filter.aiGenerated());
        }
        if (filter.aiMismatch() != null) {
            filters.addObject().putObject("term").put("aiMismatch", filter.aiMismatch());
        }
        if (filter.publishedFrom() != null || filter.publishedTo() != null) {
            ObjectNode range = filters.addObject().putObject("range").putObject("publishedAt");
            if (filter.publishedFrom() != null) {
                range.put("gte", filter.publishedFrom().toString());
            }
            if (filter.publishedTo() != null) {
                range.put("lte", filter.publishedTo().toString());
            }
        }
        if (filter.minVideoSeconds() != null || filter.maxVideoSeconds() != null) {
            if (filter.minVideoSeconds() != null && filter.maxVideoSeconds() != null
                    && filter.minVideoSeconds() > filter.maxVideoSeconds()) {
                throw new ApiException(ErrorCode.VALIDATION, "filter.minVideoSeconds",
                        Msg.of("search.filter.videoRange"));
            }
            ObjectNode range = filters.addObject().putObject("range").putObject("videoDurationSeconds");
            if (filter.minVideoSeconds() != null) {
                range.put("gte", filter.minVideoSeconds());
            }
            if (filter.maxVideoSeconds() != null) {
                range.put("lte", filter.maxVideoSeconds());
            }
        }
    }

    private static void terms(ArrayNode filters, String field, List<?> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        ArrayNode array = filters.addObject().putObject("terms").putArray(field);
        values.forEach(v -> array.add(v.toString()));
    }

    private ArrayNode sortOf(SearchSort sort, boolean hasText) {
        ArrayNode order = json.createArrayNode();
        switch (sort) {
            case RELEVANCE -> {
                if (hasText) {
                    order.addObject().put("_score", "desc");
                }
            }
            case MOST_DOWNLOADED -> order.addObject().put("downloads", "desc");
            case NEWEST -> {
            }
        }
        order.addObject().putObject("publishedAt").put("order", "desc").put("missing", "_last");
        order.addObject().putObject("createdAt").put("order", "desc");
        order.addObject().put("id", "asc");
        return order;
    }

    private static List<SearchHighlight> highlights(Highlights highlighter, JsonNode source) {
        List<SearchHighlight> result = new ArrayList<>();
        for (String field : HIGHLIGHTED) {
            JsonNode value = source.path(field);
            List<String> fragments = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(v -> {
                    String marked = highlighter.whole(v.asText());
                    if (marked != null) {
                        fragments.add(marked);
                    }
                });
            } else if (value.isTextual()) {
                if (WHOLE.contains(field)) {
                    String marked = highlighter.whole(value.asText());
                    if (marked != null) {
                        fragments.add(marked);
                    }
                } else {
                    fragments.addAll(highlighter.passages(value.asText(), 2));
                }
            }
            if (!fragments.isEmpty()) {
                result.add(new SearchHighlight(field, fragments));
            }
        }
        return result;
    }

    private SearchFacets facets(JsonNode aggs) {
        return new SearchFacets(buckets(aggs, "kinds"), buckets(aggs, "topics"), buckets(aggs, "regions"),
                buckets(aggs, "licences"), buckets(aggs, "contests"), buckets(aggs, "awardTiers"),
                buckets(aggs, "audienceLevels"), buckets(aggs, "brands"), buckets(aggs, "aiDeclared"),
                buckets(aggs, "aiDetected"), buckets(aggs, "aiGenerated"));
    }

    private static List<FacetCount> buckets(JsonNode aggs, String name) {
        List<FacetCount> counts = new ArrayList<>();
        for (JsonNode bucket : aggs.path(name).path("buckets")) {
            // Boolean fields bucket by 1/0 with the readable value in key_as_string.
            String value = bucket.has("key_as_string") ? bucket.path("key_as_string").asText()
                    : bucket.path("key").asText();
            counts.add(new FacetCount(value, bucket.path("doc_count").asInt()));
        }
        return counts;
    }

    /** A saved search as it is matched: its text (empty for none) and its filter as saved (SearchFilter as JSON). */
    public record SavedQuery(UUID id, String query, JsonNode filter) {
    }

    /** Which of the given works the public may see in the index now (published, release time passed). */
    public Set<UUID> publiclyVisible(java.util.Collection<UUID> workIds) {
        if (workIds.isEmpty()) {
            return Set.of();
        }
        ObjectNode body = json.createObjectNode();
        body.put("size", workIds.size()).put("_source", false);
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        filters.add(publicVisibility());
        filters.add(ids(workIds));
        Set<UUID> visible = new java.util.HashSet<>();
        call(body).path("hits").path("hits").forEach(hit -> visible.add(UUID.fromString(hit.path("_id").asText())));
        return visible;
    }

    /**
     * For each saved search, which of the given works it finds as the public would search (strict text match, the
     * saved filter, public visibility): one multi-search per 50 saved searches. A saved filter that no longer reads
     * (an enum value since removed) matches nothing and is logged.
     */
    public Map<UUID, Set<UUID>> matchSaved(List<SavedQuery> searches, java.util.Collection<UUID> workIds) {
        Map<UUID, Set<UUID>> matches = new java.util.HashMap<>();
        if (searches.isEmpty() || workIds.isEmpty()) {
            return matches;
        }
        List<SavedQuery> readable = new ArrayList<>();
        List<ObjectNode> bodies = new ArrayList<>();
        for (SavedQuery search : searches) {
            ObjectNode body = json.createObjectNode();
            body.put("size", workIds.size()).put("_source", false);
            ObjectNode bool = body.putObject("query").putObject("bool");
            ArrayNode filters = bool.putArray("filter");
            filters.add(publicVisibility());
            filters.add(ids(workIds));
            try {
                SearchFilter filter = search.filter() == null || search.filter().isNull() ? null
                        : json.treeToValue(search.filter(), SearchFilter.class);
                if (filter != null) {
                    applyFilter(filter, filters);
                }
            } catch (IOException | ApiException e) {
                LOG.warnf("Saved search %s has a filter that no longer reads (%s): it matches nothing", search.id(),
                        e.getMessage());
                continue;
            }
            String typed = search.query() == null ? "" : search.query().strip();
            if (!typed.isEmpty()) {
                bool.putArray("must").add(queries.text(text.analyse(typed), false));
            }
            readable.add(search);
            bodies.add(body);
        }
        for (int from = 0; from < bodies.size(); from += 50) {
            int to = Math.min(bodies.size(), from + 50);
            List<JsonNode> responses = msearch(bodies.subList(from, to));
            for (int i = 0; i < responses.size(); i++) {
                Set<UUID> found = new java.util.LinkedHashSet<>();
                responses.get(i).path("hits").path("hits")
                        .forEach(hit -> found.add(UUID.fromString(hit.path("_id").asText())));
                if (!found.isEmpty()) {
                    matches.put(readable.get(from + i).id(), found);
                }
            }
        }
        return matches;
    }

    private ObjectNode ids(java.util.Collection<UUID> workIds) {
        ObjectNode ids = json.createObjectNode();
        ArrayNode values = ids.putObject("ids").putArray("values");
        workIds.forEach(id -> values.add(id.toString()));
        return ids;
    }

    /**
     * Where a page ends. Listing orders keep the sort values of the last hit ({@code s}, with {@code r} when the
     * relaxed query is being paged); relevance order keeps the offset of the next hit ({@code o}) and the tier the
     * first page came from ({@code t}, absent for the first; past the strict tiers means relaxed).
     */
    private record Cursor(JsonNode values, boolean relaxed, int offset, int tier) {
    }

    private String encode(ObjectNode cursor) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(cursor.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Cursor decodeCursor(String cursor) {
        try {
            JsonNode decoded = json.readTree(Base64.getUrlDecoder().decode(cursor));
            if (decoded == null || !decoded.isObject()) {
                throw new IllegalArgumentException("not a cursor");
            }
            JsonNode values = decoded.path("s");
            if (values.isArray() && !values.isEmpty()) {
                return new Cursor(values, decoded.path("r").asBoolean(false), 0, 0);
            }
            if (decoded.path("o").canConvertToInt() && decoded.path("o").asInt() > 0) {
                return new Cursor(null, false, decoded.path("o").asInt(),
                        decoded.path("t").canConvertToInt() ? Math.max(0, decoded.path("t").asInt()) : 0);
            }
            throw new IllegalArgumentException("not a cursor");
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION, "after", Msg.of("search.cursor.invalid"));
        }
    }

    private JsonNode call(ObjectNode body) {
        try {
            return index.search(index.config().alias(), body);
        } catch (org.elasticsearch.client.ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 400) {
                // A cursor from another sort order has the wrong number or types of sort values.
                throw new ApiException(ErrorCode.VALIDATION, "after", Msg.of("search.cursor.otherSort"));
            }
            throw unavailable(e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private List<JsonNode> msearch(List<ObjectNode> bodies) {
        List<JsonNode> responses;
        try {
            responses = index.msearch(index.config().alias(), bodies);
        } catch (IOException e) {
            throw unavailable(e);
        }
        for (JsonNode response : responses) {
            if (response.has("error")) {
                if (response.path("status").asInt() == 400) {
                    // An offset past the result window, or a cursor from another query.
                    throw new ApiException(ErrorCode.VALIDATION, "after", Msg.of("search.cursor.otherSort"));
                }
                throw unavailable(new IOException("Search failed: " + response.path("error")));
            }
        }
        return responses;
    }

    private static ApiException unavailable(IOException e) {
        LOG.warn("Search failed", e);
        return new ApiException(ErrorCode.SEARCH_UNAVAILABLE, null, Msg.of("search.unavailable"));
    }

}
