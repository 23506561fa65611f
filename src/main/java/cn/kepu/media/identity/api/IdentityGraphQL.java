package cn.kepu.media.identity.api;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.AccountService;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.RegisterInput;
import cn.kepu.media.identity.Role;
import cn.kepu.media.identity.UpdateAccountInput;
import cn.kepu.media.shared.graphql.GraphQLLimits;
import cn.kepu.media.shared.paging.Cursor;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class IdentityGraphQL {

    private final AccountService accounts;
    private final Caller caller;
    private final GraphQLLimits limits;

    public IdentityGraphQL(AccountService accounts, Caller caller, GraphQLLimits limits) {
        this.accounts = accounts;
        this.caller = caller;
        this.limits = limits;
    }

    @Query("accounts")
    @Description("ORGANIZER: registered accounts, newest first, as a Relay connection: to pick judges for a panel, "
            + "moderators or outlets to grant roles to.")
    public @NonNull AccountConnection accounts(
            @Description("Only accounts holding this role (from registration or granted).") Role role,
            @Size(max = 100) @Description("Part of the display name, organisation or e-mail address.") String query,
            Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        Page<Account> found = accounts.list(role, query, page);
        return new AccountConnection(
                found.items().stream()
                        .map(a -> new AccountConnection.AccountEdge(cursorOf(a).encode(), AccountView.of(a))).toList(),
                found.pageInfo(IdentityGraphQL::cursorOf, page.after().isPresent()));
    }

    private static Cursor cursorOf(Account account) {
        return new Cursor(account.createdAt, account.id);
    }

    @Query("me")
    @Description("The caller's account; null for anonymous callers and for callers who have not registered yet.")
    public AccountView me() {
        return caller.account().map(AccountView::of).orElse(null);
    }

    @Query("myRoles")
    @Description("Roles of the presented token; empty for anonymous callers.")
    public @NonNull List<@NonNull Role> myRoles() {
        return caller.roles().stream().sorted().toList();
    }

    @Mutation("updateMyAccount")
    @Description("Changes the caller's notification e-mail address and language.")
    public @NonNull AccountView updateMyAccount(@NonNull @Valid UpdateAccountInput input) {
        return AccountView.of(accounts.updateMine(input));
    }

    @Description("The account's notification address: shown to the account itself and to organizers only.")
    public List<String> email(@Source List<AccountView> accountViews) {
        Map<UUID, Account> byId = accounts.byIds(accountViews.stream().map(a -> UUID.fromString(a.id())).toList());
        java.util.Optional<UUID> me = caller.accountId();
        boolean organizer = caller.has(Role.ORGANIZER);
        return accountViews.stream().map(a -> {
            UUID id = UUID.fromString(a.id());
            Account account = byId.get(id);
            return account != null && (organizer || me.filter(id::equals).isPresent()) ? account.email : null;
        }).toList();
    }

    @Mutation("register")
    @Description("Creates the caller's account profile (once per identity-provider subject).")
    public @NonNull AccountView register(@NonNull @Valid RegisterInput input) {
        return AccountView.of(accounts.register(input));
    }
}
