package cn.kepu.media.search.api;

import cn.kepu.media.search.SearchFilter;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("SavedSearch")
@Description("A media outlet's saved search: searchWorks' query and filter under a name; with alerts on, newly "
        + "published works that match are mailed (notification kind SAVED_SEARCH_ALERT), in the account's language.")
public record SavedSearchView(
        @Id @NonNull String id,
        @NonNull String name,
        @NonNull @Description("The text as searchWorks takes it; empty for a filter-only search.") String query,
        @Description("The filter as searchWorks takes it; null for none.") SearchFilter filter,
        boolean alerts,
        @NonNull Instant createdAt,
        @NonNull Instant updatedAt) {
}
