package cn.kepu.media.identity.api;

import cn.kepu.media.identity.AccountService;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import jakarta.validation.Valid;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class IdentityGraphQL {

    private final AccountService accounts;
    private final Caller caller;

    public IdentityGraphQL(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
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

    @Mutation("register")
    @Description("Creates the caller's account profile (once per identity-provider subject).")
    public @NonNull AccountView register(@NonNull @Valid RegisterInput input) {
        return AccountView.of(accounts.register(input));
    }
}
