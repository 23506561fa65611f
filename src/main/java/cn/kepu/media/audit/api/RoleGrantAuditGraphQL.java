package cn.kepu.media.audit.api;

import cn.kepu.media.audit.RoleGrantAudit;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.graphql.CallerLanguage;
import io.smallrye.graphql.api.Context;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class RoleGrantAuditGraphQL {

    private final RoleGrantAudit audit;
    private final Context context;

    public RoleGrantAuditGraphQL(RoleGrantAudit audit, Context context) {
        this.audit = audit;
        this.context = context;
    }

    @Query("roleGrantLog")
    @Description("ORGANIZER: role grants and revocations (of one account, or all), newest first; page with before = the"
            + " last seq seen. actor is who granted, entityId the account, detail the role.")
    public @NonNull List<@NonNull AuditEventView> roleGrantLog(@Id String accountId, Integer first, Long before) {
        int limit = first == null ? 50 : first;
        if (limit < 1 || limit > 500) {
            throw new ApiException(ErrorCode.VALIDATION, "first", Msg.of("audit.page.first", 1, 500));
        }
        java.util.Locale locale = CallerLanguage.of(context);
        return audit.changes(accountId == null ? null : Ids.parse(accountId, "accountId"), limit, before).stream()
                .map(e -> AuditEventView.of(e, locale)).toList();
    }
}
