package cn.kepu.media.audit.api;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
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
public class AuditGraphQL {

    private final AuditLog audit;
    private final Context context;

    public AuditGraphQL(AuditLog audit, Context context) {
        this.audit = audit;
        this.context = context;
    }

    @Query("auditLog")
    @Description("ORGANIZER: a contest's audit events, newest first; page with before = the last seq seen.")
    public @NonNull List<@NonNull AuditEventView> auditLog(@NonNull @Id String contestId, String action,
            Integer first, Long before) {
        int limit = first == null ? 50 : first;
        if (limit < 1 || limit > 500) {
            throw ApiException.validation("first", Msg.of("audit.page.first", 1, 500));
        }
        java.util.Locale locale = CallerLanguage.of(context);
        return audit.ofContest(Ids.parse(contestId, "contestId"), action, limit, before).stream()
                .map(e -> AuditEventView.of(e, locale)).toList();
    }

    @Query("brandLog")
    @Description("ORGANIZER: a brand's audit events, newest first: BRAND_CREATED, and BRAND_UPDATED with the fields "
            + "each update changed.")
    public @NonNull List<@NonNull AuditEventView> brandLog(@NonNull @Id String brandId, Integer first) {
        int limit = first == null ? 50 : first;
        if (limit < 1 || limit > 500) {
            throw ApiException.validation("first", Msg.of("audit.page.first", 1, 500));
        }
        java.util.Locale locale = CallerLanguage.of(context);
        return audit.ofEntity("Brand", Ids.parse(brandId, "brandId").toString(), limit).stream()
                .map(e -> AuditEventView.of(e, locale)).toList();
    }
}
