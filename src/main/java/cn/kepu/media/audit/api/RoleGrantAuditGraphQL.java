package cn.kepu.media.audit.api;

import cn.kepu.media.audit.RoleGrantAudit;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class RoleGrantAuditGraphQL {

    private final RoleGrantAudit audit;

    public RoleGrantAuditGraphQL(RoleGrantAudit audit) {
        this.audit = audit;
    }

    @Query("roleGrantLog")
    @Description("ORGANIZER: role grants and revocations (of one account, or all), newest first; page with before = the"
            + " last seq seen. actor is who granted, entityId the account, detail the role.")
    public @NonNull List<@NonNull AuditEventView> roleGrantLog(@Id String accountId, Integer first, Long before) {
        int limit = first == null ? 50 : first;
        if (limit < 1 || limit > 500) {
            throw new ApiException(ErrorCode.VALIDATION, "first", Msg.of("audit.page.first", 1, 500));
        }
        return audit.changes(accountId == null ? null : Ids.parse(accountId, "accountId"), limit, before).stream()
                .map(AuditEventView::of).toList();
    }
}
