package cn.kepu.media.search.api;

import cn.kepu.media.search.DriftCheck;
import cn.kepu.media.search.RelatedWorks;
import cn.kepu.media.search.Reindexer;
import cn.kepu.media.search.SearchAdmin;
import cn.kepu.media.search.SearchService;
import cn.kepu.media.search.api.SearchTypes.DriftReport;
import cn.kepu.media.search.api.SearchTypes.ReindexReport;
import cn.kepu.media.search.api.SearchTypes.SearchWorkConnection;
import cn.kepu.media.search.api.SearchTypes.SearchWorkEdge;
import cn.kepu.media.search.SearchFilter;
import cn.kepu.media.search.SearchResultParts.Suggestion;
import cn.kepu.media.search.SearchSort;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import io.smallrye.graphql.api.Context;
import java.util.HashSet;
import java.util.Set;
import cn.kepu.media.shared.graphql.GraphQLLimits;
import cn.kepu.media.shared.paging.PageInfo;
import cn.kepu.media.works.api.WorkView;
import cn.kepu.media.works.api.WorkViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class SearchGraphQL {

    private static final int MAX_SUGGESTIONS = 20;

    private final SearchService search;
    private final SearchAdmin admin;
    private final WorkViews works;
    private final RelatedWorks related;
    private final GraphQLLimits limits;
    private final Context context;

    public SearchGraphQL(SearchService search, SearchAdmin admin, WorkViews works, RelatedWorks related,
            GraphQLLimits limits, Context context) {
        this.search = search;
        this.admin = admin;
        this.works = works;
        this.related = related;
        this.limits = limits;
        this.context = context;
    }

    @Query("searchWorks")
    @Description("Full-text search over published works (and, for their owners and organizers, the others) in "
            + "Chinese and English, with filters, facet counts, highlights and cursor paging.")
    public @NonNull SearchWorkConnection searchWorks(String query, SearchFilter filter,
            @DefaultValue("RELEVANCE") SearchSort sort, Integer first, String after) {
        int size = first == null ? limits.defaultPageSize() : first;
        if (size < 0 || size > limits.maxPageSize()) {
            throw new ApiException(ErrorCode.VALIDATION, "first", Msg.of("search.first.range", 0, limits.maxPageSize()));
        }
        Selection selection = selection();
        SearchService.Result result = search.search(query, filter, sort, size, after, selection.wants());
        // Hits come from the index, which lags behind PostgreSQL: the works feature's visibility check decides. The
        // works' creators and topics, when selected, come in the same statement.
        Map<UUID, WorkView> loaded = works.visibleByIds(result.hits().stream().map(SearchService.Hit::id).toList(),
                selection.creators(), selection.topics());
        List<SearchWorkEdge> edges = new ArrayList<>();
        for (SearchService.Hit hit : result.hits()) {
            WorkView work = loaded.get(hit.id());
            // Deleted or no longer visible (e.g. unpublished) since it was indexed: the outbox will catch the index
            // up; skip it rather than show it or fail the page.
            if (work != null) {
                edges.add(new SearchWorkEdge(hit.cursor(), work, hit.score(), hit.highlights()));
            }
        }
        PageInfo pageInfo = new PageInfo(result.hasNextPage(), after != null && !after.isBlank(),
                edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor());
        return new SearchWorkConnection(edges, pageInfo, Math.toIntExact(Math.max(0, result.total())),
                result.facets(), result.relaxed());
    }

    /** What the client selected: what Elasticsearch computes, and which parts of the hits' works are read. */
    private record Selection(SearchService.Wants wants, boolean creators, boolean topics) {
    }

    /** Facets, the total and highlights cost Elasticsearch (and the service) work: only what is selected. */
    private Selection selection() {
        DataFetchingFieldSelectionSet selection = context.unwrap(DataFetchingEnvironment.class).getSelectionSet();
        // One pass over the selected fields: each contains(glob) call compiles a glob and matches it against every
        // selected field (1.5 % of a searchWorks request's CPU with fourteen of them, JFR 2026-12-02).
        boolean total = false;
        boolean highlights = false;
        boolean creators = false;
        boolean topics = false;
        Set<String> facets = new HashSet<>();
        for (SelectedField field : selection.getFields()) {
            String name = field.getQualifiedName();
            if (name.equals("totalCount")) {
                total = true;
            } else if (name.equals("edges/highlights")) {
                highlights = true;
            } else if (name.equals("edges/node/creators")) {
                creators = true;
            } else if (name.equals("edges/node/topics")) {
                topics = true;
            } else if (name.startsWith("facets/") && name.indexOf('/', "facets/".length()) < 0) {
                facets.add(name.substring("facets/".length()));
            }
        }
        return new Selection(new SearchService.Wants(total, facets, highlights), creators, topics);
    }

    @Query("suggest")
    @Description("Autocomplete: titles and tags of published works starting with the prefix.")
    public @NonNull List<@NonNull Suggestion> suggest(@NonNull String prefix, @DefaultValue("10") int first) {
        if (first < 1 || first > MAX_SUGGESTIONS) {
            throw new ApiException(ErrorCode.VALIDATION, "first", Msg.of("search.first.range", 1, MAX_SUGGESTIONS));
        }
        return search.suggest(prefix, first);
    }

    @Query("relatedWorks")
    @Description("Works sharing words and topics with the given one, best first; NOT_FOUND if the caller may not "
            + "see it.")
    public @NonNull List<@NonNull WorkView> relatedWorks(@NonNull @Id @Name("id") String id,
            @DefaultValue("10") int first) {
        if (first < 1 || first > limits.maxPageSize()) {
            throw new ApiException(ErrorCode.VALIDATION, "first", Msg.of("search.first.range", 1, limits.maxPageSize()));
        }
        List<UUID> ids = related.of(id, first);
        Map<UUID, WorkView> loaded = works.visibleByIds(ids);
        return ids.stream().map(loaded::get).filter(w -> w != null).toList();
    }

    @Mutation("reindexWorks")
    @Description("Rebuilds the search index from PostgreSQL while searches continue, then swaps it in (ORGANIZER).")
    public @NonNull ReindexReport reindexWorks() {
        Reindexer.Report report = admin.reindex();
        return new ReindexReport(report.index(), Math.toIntExact(report.documents()), Math.toIntExact(report.millis()));
    }

    @Query("searchDrift")
    @Description("Compares PostgreSQL with the search index by ids and versions (ORGANIZER).")
    public @NonNull DriftReport searchDrift() {
        DriftCheck.Report r = admin.drift();
        return new DriftReport(r.inSync(), Math.toIntExact(r.databaseWorks()), Math.toIntExact(r.indexedDocuments()),
                Math.toIntExact(r.missing()), Math.toIntExact(r.extra()), Math.toIntExact(r.stale()),
                Math.toIntExact(r.pendingEvents()), r.samples());
    }
}
