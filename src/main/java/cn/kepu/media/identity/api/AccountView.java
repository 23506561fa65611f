package cn.kepu.media.identity.api;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.OrganizationType;
import cn.kepu.media.identity.Region;
import cn.kepu.media.identity.Role;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** An account as the API shows it. */
@Name("Account")
public record AccountView(
        @Id @NonNull String id,
        @NonNull String displayName,
        String organization,
        @NonNull OrganizationType organizationType,
        @NonNull Region region,
        @NonNull List<@NonNull Role> roles,
        @NonNull Instant createdAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id.toString(), account.displayName, account.organization,
                account.organizationType, account.region,
                Arrays.stream(account.roles).map(Role::valueOf).toList(), account.createdAt);
    }
}
