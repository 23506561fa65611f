package cn.kepu.media.identity.api;

import cn.kepu.media.identity.Role;
import cn.kepu.media.identity.RoleGrants;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

/** Organizers grant and revoke JUDGE, MODERATOR and MEDIA (see {@link RoleGrants} for why here, not in the provider). */
@GraphQLApi
public class RoleGrantGraphQL {

    private final RoleGrants grants;

    public RoleGrantGraphQL(RoleGrants grants) {
        this.grants = grants;
    }

    @Mutation("grantRole")
    @Description("ORGANIZER: gives an account JUDGE, MODERATOR or MEDIA; effective on its next request; audited.")
    public @NonNull AccountView grantRole(@NonNull @Id String accountId, @NonNull Role role) {
        return AccountView.of(grants.grant(accountId, role));
    }

    @Mutation("revokeRole")
    @Description("ORGANIZER: takes a granted role back; effective on the account's next request; audited.")
    public @NonNull AccountView revokeRole(@NonNull @Id String accountId, @NonNull Role role) {
        return AccountView.of(grants.revoke(accountId, role));
    }
}
