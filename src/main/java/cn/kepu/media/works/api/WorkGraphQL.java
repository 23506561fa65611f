package cn.kepu.media.works.api;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.api.AccountView;
import cn.kepu.media.shared.graphql.GraphQLLimits;
import cn.kepu.media.shared.paging.Cursor;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Topic;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkFilter;
import cn.kepu.media.works.WorkInput;
import cn.kepu.media.works.WorkService;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class WorkGraphQL {

    private final WorkService works;
    private final GraphQLLimits limits;
    private final Context context;

    public WorkGraphQL(WorkService works, GraphQLLimits limits, Context context) {
        this.works = works;
        this.limits = limits;
        this.context = context;
    }

    @Query("work")
    @Description("One work by id; NOT_FOUND when it does not exist or the caller may not see it.")
    public @NonNull WorkView work(@NonNull @Id @Name("id") String id) {
        return WorkView.of(works.get(id));
    }

    @Query("works")
    @Description("Works visible to the caller, newest first, as a Relay connection.")
    public @NonNull WorkConnection works(@Valid WorkFilter filter, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        Page<Work> found = works.list(filter, page, selected("totalCount"));
        return new WorkConnection(
                found.items().stream()
                        .map(w -> new WorkConnection.WorkEdge(cursorOf(w).encode(), WorkView.of(w)))
                        .toList(),
                found.pageInfo(WorkGraphQL::cursorOf, page.after().isPresent()),
                Math.toIntExact(found.totalCount()));
    }

    @Query("topics")
    @Description("The topic taxonomy of the Science Week.")
    public @NonNull List<@NonNull TopicView> topics() {
        return works.topics().stream().map(TopicView::of).toList();
    }

    @Query("licences")
    @Description("Licences a work can be offered under.")
    public @NonNull List<@NonNull LicenceView> licences() {
        return Arrays.stream(Licence.values()).map(LicenceView::of).toList();
    }

    @Mutation("createWork")
    @Description("Creates a draft work owned by the caller (ENTRANT or ORGANIZER with an account).")
    public @NonNull WorkView createWork(@NonNull @Valid WorkInput input) {
        return WorkView.of(works.create(input));
    }

    @Mutation("updateWork")
    @Description("Replaces the fields of the caller's own work; version must be the one last read.")
    public @NonNull WorkView updateWork(@NonNull @Id String id, int version, @NonNull @Valid WorkInput input) {
        return WorkView.of(works.update(id, version, input));
    }

    // Batch resolvers: one query per field per request, however many works are in the response.

    public @NonNull List<@NonNull List<@NonNull TopicView>> topics(@Source List<WorkView> views) {
        Map<UUID, List<Topic>> topics = works.topicsOf(ids(views));
        return views.stream()
                .map(v -> topics.getOrDefault(UUID.fromString(v.id()), List.of()).stream().map(TopicView::of).toList())
                .toList();
    }

    public @NonNull List<@NonNull List<@NonNull CreatorView>> creators(@Source List<WorkView> views) {
        var creators = works.creatorsOf(ids(views));
        return views.stream()
                .map(v -> creators.getOrDefault(UUID.fromString(v.id()), List.of()).stream().map(CreatorView::of)
                        .toList())
                .toList();
    }

    @Description("The owning account; visible to the owner, moderators and organizers only, null otherwise.")
    public List<AccountView> owner(@Source List<WorkView> views) {
        Map<UUID, Account> owners = works.ownersOf(ids(views));
        return views.stream()
                .map(v -> owners.get(UUID.fromString(v.id())))
                .map(a -> a == null ? null : AccountView.of(a))
                .toList();
    }

    /**
     * Whether the client selected {@code field} under the current one: work it did not ask for (a count over the whole
     * library) is not done. When the selection cannot be read, assume it was selected.
     */
    private boolean selected(String field) {
        try {
            return context.unwrap(DataFetchingEnvironment.class).getSelectionSet().contains(field);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static List<UUID> ids(List<WorkView> views) {
        return views.stream().map(v -> UUID.fromString(v.id())).distinct().toList();
    }

    private static Cursor cursorOf(Work work) {
        return new Cursor(work.createdAt, work.id);
    }
}
