package cn.kepu.media.identity;

import cn.kepu.media.identity.api.RegisterInput;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AccountService {

    private final Caller caller;

    public AccountService(Caller caller) {
        this.caller = caller;
    }

    /** Creates the caller's account; any authenticated caller may, once. */
    @Transactional
    public Account register(RegisterInput input) {
        String subject = caller.requireAuthenticated();
        if (Account.findBySubject(subject).isPresent()) {
            throw ApiException.conflict("subject", Msg.of("identity.account.exists"));
        }
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.subject = subject;
        account.displayName = input.displayName().strip();
        account.organization = input.organization() == null || input.organization().isBlank()
                ? null
                : input.organization().strip();
        account.organizationType = input.organizationType();
        account.region = input.region();
        account.roles = caller.roles().stream().map(Enum::name).sorted().toArray(String[]::new);
        account.createdAt = Instant.now();
        account.updatedAt = account.createdAt;
        account.persist();
        caller.accountChanged(account);
        return account;
    }

    public Map<UUID, Account> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Account> accounts = Account.list("id in ?1", ids);
        return accounts.stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
    }
}
