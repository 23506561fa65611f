package cn.kepu.media.audit.api;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class AuditGraphQL {

    private final AuditLog audit;

    public AuditGraphQL(AuditLog audit) {
        this.audit = audit;
    }

    @Query("auditLog")
    @Description("ORGANIZER: a contest's audit events, newest first; page with before = the last seq seen.")
    public @NonNull List<@NonNull AuditEventView> auditLog(@NonNull @Id String contestId, String action,
            Integer first, Long before) {
        int limit = first == null ? 50 : first;
        if (limit < 1 || limit > 500) {
            throw ApiException.validation("first", Msg.of("audit.page.first", 1, 500));
        }
        return audit.ofContest(Ids.parse(contestId, "contestId"), action, limit, before).stream()
                .map(AuditEventView::of).toList();
    }
}
