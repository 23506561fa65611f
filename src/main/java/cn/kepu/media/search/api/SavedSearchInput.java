package cn.kepu.media.search.api;

import cn.kepu.media.search.SearchFilter;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SavedSearchInput")
@Description("A saved search to create (no id) or replace (the id of one of the caller's).")
public record SavedSearchInput(
        @Id String id,
        @NonNull @Description("1 to 100 characters.") String name,
        @Description("Search text as searchWorks takes it (at most 200 characters); empty or null for none.")
        String query,
        SearchFilter filter,
        @DefaultValue("true") @Description("Mail newly published matches (default true).") Boolean alerts) {
}
