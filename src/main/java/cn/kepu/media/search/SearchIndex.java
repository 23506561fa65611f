package cn.kepu.media.search;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.client.config.RequestConfig;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.faults.StoreGuards;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The works index as Elasticsearch holds it: concrete indices named {@code <prefix>works-v4-<timestamp>} behind the
 * read alias {@code <prefix>works}, plus indices under construction behind {@code <prefix>works-pending}. Owns every
 * request that is not a search, so index names and the bulk protocol live in one place.
 */
@ApplicationScoped
public class SearchIndex {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    /**
     * Writes and index administration (bulk, refresh, create, alias swaps) run in the background (indexer, reindex),
     * never on a client's request path, and a busy cluster can take longer than the 10 s interactive socket time-out
     * to answer a large bulk or an index creation: failing them would only redo the same work. They get a longer,
     * still finite, time-out; searches keep the client's default.
     */
    static final RequestOptions WRITES = RequestOptions.DEFAULT.toBuilder()
            .setRequestConfig(RequestConfig.custom().setConnectTimeout(2_000).setSocketTimeout(60_000).build())
            .build();

    /**
     * Every search request as sent, one line each ({@code <method> <path> <body>}; an msearch's bodies as a JSON
     * array), at DEBUG: deploy/bench/search-compare.sh switches it on to replay the service's very requests straight
     * to Elasticsearch. Off, it costs one level check.
     */
    static final Logger REQUESTS = Logger.getLogger("kepu.search.requests");

    /** The index setting a build relaxes ({@link #createIndexForBuild}) and {@link #finishBuild} sets back. */
    private static final String TRANSLOG_DURABILITY = "translog.durability";

    private final RestClient client;
    private final ObjectMapper json;
    private final SearchConfig config;
    private final Clock clock;

    /** Searches and reads: the interactive policy with the search circuit breaker ({@link StoreGuards}). */
    @Inject
    @Identifier(StoreGuards.ELASTICSEARCH)
    Guard reads;

    /** Reads of background work: the interactive time-out, no breaker ({@link StoreGuards#ELASTICSEARCH_BACKGROUND}). */
    @Inject
    @Identifier(StoreGuards.ELASTICSEARCH_BACKGROUND)
    Guard backgroundReads;

    /** Writes and administration: background, so a longer time-out and no breaker ({@link StoreGuards}). */
    @Inject
    @Identifier(StoreGuards.ELASTICSEARCH_WRITES)
    Guard writes;

    private final AtomicInteger readsInFlight = new AtomicInteger();

    public SearchIndex(RestClient client, ObjectMapper json, SearchConfig config, Clock clock) {
        this.client = client;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    public SearchConfig config() {
        return config;
    }

    /** Creates a new, empty concrete index from the configured definition and returns its name. */
    public String createIndex() throws IOException {
        String name = config.indexPrefix() + config.definition() + "-" + STAMP.format(clock.instant());
        Request request = new Request("PUT", "/" + name);
        request.setEntity(new StringEntity(definition(), ContentType.APPLICATION_JSON));
        write(request);
        return name;
    }

    /**
     * Creates a new, empty concrete index for a full build and returns its name: no periodic refresh, no replicas and
     * an asynchronous translog while it fills (each bulk then only appends to the primary's buffer, Elasticsearch's
     * advice for bulk loads, and to its translog without an fsync per request), until {@link #finishBuild} sets the
     * definition's values back and flushes.
     */
    public String createIndexForBuild() throws IOException {
        String name = config.indexPrefix() + config.definition() + "-" + STAMP.format(clock.instant());
        ObjectNode definition = (ObjectNode) json.readTree(definition());
        ObjectNode settings = definition.has("settings") ? (ObjectNode) definition.get("settings")
                : definition.putObject("settings");
        settings.put("refresh_interval", "-1").put("number_of_replicas", 0).put(TRANSLOG_DURABILITY, "async");
        Request request = new Request("PUT", "/" + name);
        request.setEntity(new StringEntity(json.writeValueAsString(definition), ContentType.APPLICATION_JSON));
        write(request);
        return name;
    }

    /**
     * Ends a build begun by {@link #createIndexForBuild}: the definition's refresh interval, replicas and translog
     * durability (the cluster's defaults where it names none), then a flush, so everything written is on disk before
     * searches read the index (the asynchronous translog syncs only every few seconds: the last bulks may not be on
     * disk yet), and a refresh, so everything written is searchable.
     */
    public void finishBuild(String name) throws IOException {
        JsonNode settings = json.readTree(definition()).path("settings");
        ObjectNode body = json.createObjectNode();
        ObjectNode index = body.putObject("index");
        for (String key : List.of("refresh_interval", "number_of_replicas", TRANSLOG_DURABILITY)) {
            JsonNode value = settings.path(key);
            if (value.isMissingNode() || value.isNull()) {
                index.putNull(key);
            } else {
                index.set(key, value);
            }
        }
        Request request = new Request("PUT", "/" + name + "/_settings");
        request.setJsonEntity(json.writeValueAsString(body));
        write(request);
        write(new Request("POST", "/" + name + "/_flush"));
        refresh(name);
    }

    /** An index's settings as Elasticsearch reports them ({@code index.*}, flat, without defaults). */
    public JsonNode settings(String name) throws IOException {
        Request request = new Request("GET", "/" + name + "/_settings");
        request.addParameter("flat_settings", "true");
        return guarded(backgroundReads, request).path(name).path("settings");
    }

    /**
     * Concrete indices behind an alias; empty when the alias does not exist. Asked by background work only (indexer,
     * reindex), so under {@link StoreGuards#ELASTICSEARCH_BACKGROUND}.
     */
    public Set<String> indicesOf(String alias) throws IOException {
        try {
            JsonNode body = guarded(backgroundReads, new Request("GET", "/_alias/" + alias));
            Set<String> names = new LinkedHashSet<>();
            body.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Set.of();
            }
            throw e;
        }
    }

    /** Every index a change must reach: the one searches read and any a reindex is building. */
    public Set<String> writeTargets() throws IOException {
        Set<String> targets = new LinkedHashSet<>(indicesOf(config.alias()));
        targets.addAll(indicesOf(config.pendingAlias()));
        return targets;
    }

    /** Applies alias actions atomically (Elasticsearch's {@code _aliases} is all-or-nothing). */
    public void aliases(List<Map<String, Object>> actions) throws IOException {
        Request request = new Request("POST", "/_aliases");
        request.setJsonEntity(json.writeValueAsString(Map.of("actions", actions)));
        write(request);
    }

    public void deleteIndex(String name) throws IOException {
        write(new Request("DELETE", "/" + name));
    }

    /** Deletes every index of this prefix's works (test start: the database was cleaned, so must the index be). */
    public void deleteAll() throws IOException {
        Request request = new Request("DELETE", "/" + config.indexPrefix() + config.definition().replaceAll("-v\\d+$", "")
                + "-v*");
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        write(request);
    }

    public void refresh(String target) throws IOException {
        write(new Request("POST", "/" + target + "/_refresh"));
    }

    /**
     * Writes documents with external versions into each target. A version conflict means the index already holds
     * this or a newer state and counts as done; any other item failure throws, so the caller keeps the work queued.
     */
    public void bulk(Collection<String> targets, Collection<SearchDocument> documents) throws IOException {
        if (documents.isEmpty() || targets.isEmpty()) {
            return;
        }
        // Action lines written by one generator straight into UTF-8 bytes, each source copied in as the bytes it was
        // built or stored as: no string per document, no tree, no copy of the body between a builder, a string and
        // the entity (the reindex profile: most of a bulk thread's time).
        int size = 0;
        for (SearchDocument doc : documents) {
            size += 160 + (doc.source() == null ? 0 : doc.source().length);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size * targets.size());
        try (JsonGenerator out = json.getFactory().createGenerator(body)) {
            out.setRootValueSeparator(null);
            for (String target : targets) {
                for (SearchDocument doc : documents) {
                    out.writeStartObject();
                    out.writeObjectFieldStart(doc.source() == null ? "delete" : "index");
                    out.writeStringField("_index", target);
                    out.writeStringField("_id", doc.id().toString());
                    out.writeNumberField("version", doc.version());
                    out.writeStringField("version_type", "external");
                    out.writeEndObject();
                    out.writeEndObject();
                    out.writeRaw('\n');
                    if (doc.source() != null) {
                        out.flush();
                        body.write(doc.source());
                        body.write('\n');
                    }
                }
            }
        }
        Request request = new Request("POST", "/_bulk");
        // Only what the outcome is read from: index names, shard and sequence details are most of a page's answer.
        request.addParameter("filter_path", "errors,items.*._id,items.*.status,items.*.error");
        request.setEntity(new ByteArrayEntity(body.toByteArray(), ContentType.create("application/x-ndjson",
                StandardCharsets.UTF_8)));
        JsonNode response = write(request);
        if (!response.path("errors").asBoolean()) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (JsonNode item : response.path("items")) {
            JsonNode result = item.elements().next();
            int status = result.path("status").asInt();
            boolean done = status < 300 || status == 409 || (status == 404 && item.has("delete"));
            if (!done) {
                failures.add(result.path("_id").asText() + ": " + result.path("error"));
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException("Bulk indexing failed for " + failures.size() + " documents, first: "
                    + failures.getFirst());
        }
    }

    /**
     * A search, under the store policy ({@link StoreGuards#ELASTICSEARCH}: time-out, retry when not reached, circuit
     * breaker); when the guard gives up (timed out, breaker open) the caller gets {@code SEARCH_UNAVAILABLE}.
     */
    public JsonNode search(String target, JsonNode body) throws IOException {
        Request request = new Request("POST", "/" + target + "/_search");
        byte[] entity = json.writeValueAsBytes(body);
        request.setEntity(new ByteArrayEntity(entity, ContentType.APPLICATION_JSON));
        if (REQUESTS.isDebugEnabled()) {
            REQUESTS.debugf("POST /%s/_search %s", target, new String(entity, StandardCharsets.UTF_8));
        }
        return read(request);
    }

    /**
     * A search made by background work (the drift comparison's scan), under {@link StoreGuards#ELASTICSEARCH_BACKGROUND}:
     * its failures do not open the breaker that guards clients' searches.
     */
    public JsonNode searchInBackground(String target, JsonNode body) throws IOException {
        Request request = new Request("POST", "/" + target + "/_search");
        request.setJsonEntity(json.writeValueAsString(body));
        return guarded(backgroundReads, request);
    }

    /**
     * Several searches in one round trip; the responses in request order. A failed search comes back as a node with
     * {@code error} and {@code status}, as Elasticsearch reports it.
     */
    public List<JsonNode> msearch(String target, List<? extends JsonNode> bodies) throws IOException {
        // Written as UTF-8 bytes straight from the trees: no string per body, no copy of the whole into an entity.
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream(2_048 * bodies.size());
        for (JsonNode body : bodies) {
            ndjson.write('{');
            ndjson.write('}');
            ndjson.write('\n');
            json.writeValue(ndjson, body);
            ndjson.write('\n');
        }
        Request request = new Request("POST", "/" + target + "/_msearch");
        if (REQUESTS.isDebugEnabled()) {
            REQUESTS.debugf("POST /%s/_msearch %s", target, json.writeValueAsString(bodies));
        }
        request.setEntity(new ByteArrayEntity(ndjson.toByteArray(), ContentType.create("application/x-ndjson",
                StandardCharsets.UTF_8)));
        List<JsonNode> responses = new ArrayList<>();
        read(request).path("responses").forEach(responses::add);
        return responses;
    }

    /** A read or search, under {@link StoreGuards#ELASTICSEARCH}. */
    private JsonNode read(Request request) throws IOException {
        readsInFlight.incrementAndGet();
        try {
            return guarded(reads, request);
        } finally {
            readsInFlight.decrementAndGet();
        }
    }

    /**
     * Reads and searches sent and not yet answered (or given up): how many requests a slow or hung Elasticsearch is
     * holding up right now.
     */
    public int readsInFlight() {
        return readsInFlight.get();
    }

    /** A write or administration request, with the writes' socket time-out, under {@link StoreGuards#ELASTICSEARCH_WRITES}. */
    private JsonNode write(Request request) throws IOException {
        request.setOptions(WRITES);
        return guarded(writes, request);
    }

    private JsonNode guarded(Guard guard, Request request) throws IOException {
        try {
            return StoreGuards.call(guard, ErrorCode.SEARCH_UNAVAILABLE, JsonNode.class, () -> send(request));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private JsonNode send(Request request) throws IOException {
        Response response = client.performRequest(request);
        try (InputStream in = response.getEntity().getContent()) {
            return json.readTree(in);
        }
    }

    private String definition() {
        String path = "elasticsearch/" + config.definition() + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Index definition " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
