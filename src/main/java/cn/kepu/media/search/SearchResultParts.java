package cn.kepu.media.search;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Parts of a search result that {@link SearchService} builds and the GraphQL layer hands out as they are (records are
 * GraphQL output types): highlights, facet counts, suggestions.
 */
public final class SearchResultParts {

    private SearchResultParts() {
    }

    @Name("SearchHighlight")
    public record SearchHighlight(@NonNull String field, @NonNull List<@NonNull String> fragments) {
    }

    @Name("FacetCount")
    public record FacetCount(@NonNull String value, int count) {
    }

    @Name("SearchFacets")
    @Description("Counts over all matching works (query, filters and visibility applied).")
    public record SearchFacets(@NonNull List<@NonNull FacetCount> kinds, @NonNull List<@NonNull FacetCount> topics,
            @NonNull List<@NonNull FacetCount> regions, @NonNull List<@NonNull FacetCount> licences,
            @NonNull List<@NonNull FacetCount> contests, @NonNull List<@NonNull FacetCount> awardTiers,
            @NonNull List<@NonNull FacetCount> audienceLevels,
            @NonNull @Description("Brand ids; see the brand query.") List<@NonNull FacetCount> brands,
            @NonNull @Description("NONE, ASSISTED, GENERATED or UNDECLARED.") List<@NonNull FacetCount> aiDeclared,
            @NonNull @Description("AI labels found in files (AiLabelKind).") List<@NonNull FacetCount> aiDetected,
            @NonNull @Description("\"true\" (AI-generated content, declared or detected) or \"false\".")
            List<@NonNull FacetCount> aiGenerated) {
    }

    @Name("Suggestion")
    public record Suggestion(@NonNull String text, @NonNull String workId) {
    }
}
