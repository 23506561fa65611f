package cn.kepu.media.identity.api;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Language;
import cn.kepu.media.identity.OrganizationType;
import cn.kepu.media.identity.Region;
import cn.kepu.media.identity.Role;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.graphql.Description;
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
        @Description("Roles at registration (from the identity provider) and those organizers granted.")
        @NonNull List<@NonNull Role> roles,
        @Description("Roles organizers granted through the API (grantRole / revokeRole).")
        @NonNull List<@NonNull Role> grantedRoles,
        @Description("Language of the account's e-mail notifications.")
        @NonNull Language language,
        @NonNull Instant createdAt) {

    public static AccountView of(Account account) {
        List<Role> granted = Arrays.stream(account.grantedRoles).map(Role::valueOf).sorted().toList();
        List<Role> all = Stream.concat(Arrays.stream(account.roles).map(Role::valueOf), granted.stream()).distinct()
                .sorted().toList();
        return new AccountView(account.id.toString(), account.displayName, account.organization,
                account.organizationType, account.region, all, granted, Language.ofCode(account.language),
                account.createdAt);
    }
}
