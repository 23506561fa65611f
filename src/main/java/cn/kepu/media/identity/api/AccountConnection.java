package cn.kepu.media.identity.api;

import cn.kepu.media.shared.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of the account directory (Relay connection). */
@Name("AccountConnection")
public record AccountConnection(@NonNull List<@NonNull AccountEdge> edges, @NonNull PageInfo pageInfo) {

    @Name("AccountEdge")
    public record AccountEdge(@NonNull String cursor, @NonNull AccountView node) {
    }
}
