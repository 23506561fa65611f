package cn.kepu.media.identity.api;

import cn.kepu.media.identity.AccountService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Account views for other features' API classes, so they never handle the {@code Account} entity themselves. */
@ApplicationScoped
public class AccountViews {

    private final AccountService accounts;

    public AccountViews(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The accounts that exist among {@code ids}, in one query; unknown ids are missing from the map. */
    public Map<UUID, AccountView> byIds(Collection<UUID> ids) {
        Map<UUID, AccountView> views = new HashMap<>();
        accounts.byIds(ids).forEach((id, account) -> views.put(id, AccountView.of(account)));
        return views;
    }
}
