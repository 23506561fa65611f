package cn.kepu.media.search;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.search.api.SearchFilter;
import cn.kepu.media.search.api.SearchSort;
import cn.kepu.media.search.api.SearchTypes.FacetCount;
import cn.kepu.media.search.api.SearchTypes.SearchFacets;
import cn.kepu.media.search.api.SearchTypes.SearchHighlight;
import cn.kepu.media.search.api.SearchTypes.Suggestion;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.works.Work;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns searchWorks, suggest and relatedWorks into Elasticsearch queries. Visibility is part of every query (a
 * filter clause), never applied to results afterwards, so counts, facets and pages agree with what the caller may
 * see. Text matching combines per-character/per-word matching (recall, typo tolerance for English) with word-pair
 * shingles and phrase matches, which lift works containing the query as written above scattered matches.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    /** Text fields searched, with their weights; the same fields are highlighted. */
    static final Map<String, Integer> TEXT_FIELDS = Map.of("title", 4, "titleEn", 4, "tags", 3, "creators", 2,
            "organization", 1, "description", 1, "descriptionEn", 1);
    private static final List<String> HIGHLIGHTED = List.of("title", "titleEn", "tags", "creators", "organization",
            "description", "descriptionEn");
    private static final Map<String, String> FACETS = Map.of("kinds", "kind", "topics", "topics", "regions", "region",
            "licences", "licence", "contests", "contestIds", "awardTiers", "awardTiers");

    /** One page of hits: ids in rank order with their cursors, scores and highlights. */
    public record Hit(UUID id, String cursor, Double score, List<SearchHighlight> highlights) {
    }

    public record Result(List<Hit> hits, boolean hasNextPage, long total, SearchFacets facets) {
    }

    private final SearchIndex index;
    private final ObjectMapper json;
    private final Caller caller;

    public SearchService(SearchIndex index, ObjectMapper json, Caller caller) {
        this.index = index;
        this.json = json;
        this.caller = caller;
    }

    public Result search(String query, SearchFilter filter, SearchSort sort, int first, String after) {
        String text = query == null ? "" : query.strip();
        if (text.length() > 200) {
            throw ApiException.validation("query", "must be at most 200 characters");
        }
        ObjectNode body = json.createObjectNode();
        body.put("size", first + 1).put("track_total_hits", true);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filters = bool.putArray("filter");
        filters.add(visibility());
        if (filter != null) {
            applyFilter(filter, filters);
        }
        if (!text.isEmpty()) {
            textQuery(text, bool);
            highlight(body);
        }
        body.set("sort", sortOf(sort == null ? SearchSort.RELEVANCE : sort, !text.isEmpty()));
        if (after != null && !after.isBlank()) {
            body.set("search_after", decodeCursor(after));
        }
        ObjectNode aggs = body.putObject("aggs");
        FACETS.forEach((name, field) -> aggs.putObject(name).putObject("terms").put("field", field).put("size", 50));

        JsonNode response = call(body);
        JsonNode hits = response.path("hits").path("hits");
        List<Hit> page = new ArrayList<>();
        for (int i = 0; i < Math.min(first, hits.size()); i++) {
            JsonNode hit = hits.get(i);
            page.add(new Hit(UUID.fromString(hit.path("_id").asText()), encodeCursor(hit.path("sort")),
                    hit.path("_score").isNumber() ? hit.path("_score").asDouble() : null, highlights(hit)));
        }
        return new Result(page, hits.size() > first, response.path("hits").path("total").path("value").asLong(),
                facets(response.path("aggregations")));
    }

    public List<Suggestion> suggest(String prefix, int size) {
        String text = prefix == null ? "" : prefix.strip();
        if (text.isEmpty() || text.length() > 100) {
            throw ApiException.validation("prefix", "must be 1 to 100 characters");
        }
        ObjectNode body = json.createObjectNode();
        body.put("_source", false);
        body.putObject("suggest").putObject("titles").put("prefix", text).putObject("completion")
                .put("field", "suggest").put("size", size).put("skip_duplicates", true);
        List<Suggestion> suggestions = new ArrayList<>();
        for (JsonNode option : call(body).path("suggest").path("titles").path(0).path("options")) {
            suggestions.add(new Suggestion(option.path("text").asText(), option.path("_id").asText()));
        }
        return suggestions;
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
        mlt.putArray("fields").add("title").add("titleEn").add("tags").add("description").add("descriptionEn");
        ArrayNode like = mlt.putArray("like");
        like.add(work.title);
        if (work.titleEn != null) {
            like.add(work.titleEn);
        }
        like.add(String.join(" ", work.tags));
        like.add(work.description);
        mlt.put("min_term_freq", 1).put("min_doc_freq", 1).put("max_query_terms", 40)
                .put("minimum_should_match", "10%");
        ArrayNode topicTerms = should.addObject().putObject("terms").put("boost", 2.0).putArray("topics");
        topics.forEach(topicTerms::add);
        bool.put("minimum_should_match", 1);
        List<UUID> ids = new ArrayList<>();
        for (JsonNode hit : call(body).path("hits").path("hits")) {
            ids.add(UUID.fromString(hit.path("_id").asText()));
        }
        return ids;
    }

    /**
     * Organizers and moderators see everything; entrants also their own works; everyone else (anonymous, media,
     * judges) published works whose publication time and embargo have passed.
     */
    private ObjectNode visibility() {
        ObjectNode published = json.createObjectNode();
        ObjectNode bool = published.putObject("bool");
        ArrayNode must = bool.putArray("filter");
        must.addObject().putObject("term").put("status", "PUBLISHED");
        must.addObject().putObject("range").putObject("publishedAt").put("lte", "now");
        bool.putArray("must_not").addObject().putObject("range").putObject("embargoUntil").put("gt", "now");
        if (caller.hasAny(Role.MODERATOR, Role.ORGANIZER)) {
            return json.createObjectNode().set("match_all", json.createObjectNode());
        }
        var me = caller.has(Role.ENTRANT) ? caller.accountId() : java.util.Optional.<UUID>empty();
        if (me.isEmpty()) {
            return published;
        }
        ObjectNode either = json.createObjectNode();
        ArrayNode should = either.putObject("bool").put("minimum_should_match", 1).putArray("should");
        should.add(published);
        should.addObject().putObject("term").put("ownerId", me.get().toString());
        return either;
    }

    private void textQuery(String text, ObjectNode bool) {
        ArrayNode unigramFields = json.createArrayNode();
        ArrayNode pairFields = json.createArrayNode();
        TEXT_FIELDS.forEach((field, weight) -> {
            unigramFields.add(field + "^" + weight);
            pairFields.add(field + ".pairs^" + weight * 2);
        });
        // Recall: most of the query's characters/words must occur in one field (typos forgiven in longer English
        // words), or spread over several fields, e.g. a title word and a creator's name.
        ArrayNode must = bool.putArray("must");
        ArrayNode anyOf = must.addObject().putObject("bool").put("minimum_should_match", 1).putArray("should");
        anyOf.addObject().putObject("multi_match").put("query", text).put("type", "best_fields")
                .put("minimum_should_match", "2<75%").put("fuzziness", "AUTO").put("prefix_length", 1)
                .set("fields", unigramFields.deepCopy());
        anyOf.addObject().putObject("multi_match").put("query", text).put("type", "cross_fields")
                .put("minimum_should_match", "2<75%").set("fields", unigramFields.deepCopy());
        // Precision: adjacent pairs as written (shingles) and the whole phrase rank phrase matches first.
        ArrayNode should = bool.putArray("should");
        should.addObject().putObject("multi_match").put("query", text).put("type", "best_fields")
                .set("fields", pairFields);
        for (String field : List.of("title", "titleEn", "tags")) {
            should.addObject().putObject("match_phrase").putObject(field).put("query", text).put("boost", 6);
        }
        should.addObject().putObject("multi_match").put("query", text).put("type", "phrase").put("boost", 2)
                .set("fields", json.createArrayNode().add("description").add("descriptionEn").add("creators")
                        .add("organization"));
    }

    private void highlight(ObjectNode body) {
        ObjectNode highlight = body.putObject("highlight");
        highlight.putArray("pre_tags").add("<em>");
        highlight.putArray("post_tags").add("</em>");
        highlight.put("number_of_fragments", 2).put("fragment_size", 80);
        ObjectNode fields = highlight.putObject("fields");
        HIGHLIGHTED.forEach(field -> fields.putObject(field));
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
                throw ApiException.validation("filter.minVideoSeconds", "must not exceed maxVideoSeconds");
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

    private List<SearchHighlight> highlights(JsonNode hit) {
        List<SearchHighlight> result = new ArrayList<>();
        hit.path("highlight").properties().forEach(field -> {
            List<String> fragments = new ArrayList<>();
            field.getValue().forEach(f -> fragments.add(f.asText()));
            result.add(new SearchHighlight(field.getKey(), fragments));
        });
        return result;
    }

    private SearchFacets facets(JsonNode aggs) {
        return new SearchFacets(buckets(aggs, "kinds"), buckets(aggs, "topics"), buckets(aggs, "regions"),
                buckets(aggs, "licences"), buckets(aggs, "contests"), buckets(aggs, "awardTiers"));
    }

    private static List<FacetCount> buckets(JsonNode aggs, String name) {
        List<FacetCount> counts = new ArrayList<>();
        for (JsonNode bucket : aggs.path(name).path("buckets")) {
            counts.add(new FacetCount(bucket.path("key").asText(), bucket.path("doc_count").asInt()));
        }
        return counts;
    }

    private String encodeCursor(JsonNode sortValues) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sortValues.toString().getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode decodeCursor(String cursor) {
        try {
            JsonNode values = json.readTree(Base64.getUrlDecoder().decode(cursor));
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException("not a sort-value array");
            }
            return values;
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.validation("after", "is not a cursor returned by searchWorks");
        }
    }

    private JsonNode call(ObjectNode body) {
        LOG.debugf("Search request: %s", body);
        try {
            return index.search(index.config().alias(), body);
        } catch (org.elasticsearch.client.ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 400) {
                // A cursor from another sort order has the wrong number or types of sort values.
                throw ApiException.validation("after", "does not belong to this sort order");
            }
            throw unavailable(e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(IOException e) {
        LOG.warn("Search failed", e);
        return new ApiException(ErrorCode.SEARCH_UNAVAILABLE, "Search is unavailable right now; retry shortly");
    }

}
