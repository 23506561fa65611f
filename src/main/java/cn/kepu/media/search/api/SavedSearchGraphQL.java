package cn.kepu.media.search.api;

import cn.kepu.media.search.SearchFilter;
import cn.kepu.media.search.SavedSearch;
import cn.kepu.media.search.SavedSearchService;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Saved searches of media outlets: maps the filter to and from the JSON the service keeps, and delegates. */
@GraphQLApi
public class SavedSearchGraphQL {

    private final SavedSearchService searches;
    private final ObjectMapper json;

    public SavedSearchGraphQL(SavedSearchService searches, ObjectMapper json) {
        this.searches = searches;
        this.json = json;
    }

    @Query("mySavedSearches")
    @Description("MEDIA: the caller's saved searches, oldest first.")
    public @NonNull List<@NonNull SavedSearchView> mySavedSearches() {
        return searches.mine().stream().map(this::view).toList();
    }

    @Mutation("saveSearch")
    @Description("MEDIA: saves a search (new without id, replaced with the id of one of the caller's; at most 50). "
            + "With alerts on, works published from now on that it finds are mailed.")
    public @NonNull SavedSearchView saveSearch(@NonNull SavedSearchInput input) {
        String filter;
        try {
            filter = input.filter() == null ? "{}" : json.writeValueAsString(input.filter());
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.VALIDATION, "input.filter", Msg.of("search.saved.filter"));
        }
        return view(searches.save(input.id(), input.name(), input.query(), filter,
                input.alerts() == null || input.alerts()));
    }

    @Mutation("deleteSavedSearch")
    @Description("MEDIA: deletes one of the caller's saved searches; returns its id.")
    public @NonNull @Id String deleteSavedSearch(@NonNull @Id String id) {
        return searches.delete(id);
    }

    private SavedSearchView view(SavedSearch s) {
        SearchFilter filter;
        try {
            filter = "{}".equals(s.filter.strip()) ? null : json.readValue(s.filter, SearchFilter.class);
        } catch (JsonProcessingException e) {
            filter = null;
        }
        return new SavedSearchView(s.id.toString(), s.name, s.query, filter, s.alerts, s.createdAt, s.updatedAt);
    }
}
