package cn.kepu.media.search.api;

import cn.kepu.media.search.SearchResultParts.SearchFacets;
import cn.kepu.media.search.SearchResultParts.SearchHighlight;
import cn.kepu.media.shared.paging.PageInfo;
import cn.kepu.media.works.api.WorkView;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** GraphQL output types of search. */
public final class SearchTypes {

    private SearchTypes() {
    }

    @Name("SearchWorkConnection")
    public record SearchWorkConnection(@NonNull List<@NonNull SearchWorkEdge> edges, @NonNull PageInfo pageInfo,
            int totalCount, @NonNull SearchFacets facets,
            @Description("True when no work matched the query as typed and these results match it loosely (fewer "
                    + "of its words, spelling variants): clients show \"showing results for…\".") boolean relaxed) {
    }

    @Name("SearchWorkEdge")
    public record SearchWorkEdge(@NonNull String cursor, @NonNull WorkView node, Double score,
            @NonNull @Description("Matching fragments per field, matching words wrapped in <em>…</em>. Everything "
                    + "else in a fragment is HTML-escaped text, so fragments are safe to render as HTML.")
            List<@NonNull SearchHighlight> highlights) {
    }

    @Name("SearchDriftReport")
    @Description("PostgreSQL against the index: ids and versions.")
    public record DriftReport(boolean inSync, int databaseWorks, int indexedDocuments, int missing, int extra,
            int stale, int pendingEvents, @NonNull List<@NonNull String> samples) {
    }

    @Name("ReindexReport")
    public record ReindexReport(@NonNull String index, int documents, int millis) {
    }
}
