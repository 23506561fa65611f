package cn.kepu.media.identity;

import jakarta.persistence.LockModeType;
import java.util.Locale;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
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
    private final Clock clock;

    public AccountService(Caller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
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
        account.email = input.email() != null && !input.email().isBlank() ? input.email().strip() : verifiedEmail();
        account.language = (input.language() != null ? input.language()
                : caller.claim("locale").map(Locale::forLanguageTag).map(Language::of).orElse(Language.ZH)).code();
        account.createdAt = clock.instant();
        account.updatedAt = account.createdAt;
        account.persist();
        caller.accountChanged(account);
        return account;
    }

    /** The provider's address for the caller, when it says it verified it (Keycloak: {@code email_verified}). */
    private String verifiedEmail() {
        boolean verified = caller.claim("email_verified").map(Boolean::parseBoolean).orElse(false);
        return verified ? caller.claim("email").map(String::strip).filter(e -> !e.isEmpty()).orElse(null) : null;
    }

    /** Changes the caller's own notification address and language. */
    @Transactional
    public Account updateMine(UpdateAccountInput input) {
        Account account = caller.requireAccount();
        Account managed = Account.findById(account.id, LockModeType.PESSIMISTIC_WRITE);
        if (input.email() != null) {
            managed.email = input.email().isBlank() ? null : input.email().strip();
        }
        if (input.language() != null) {
            managed.language = input.language().code();
        }
        managed.updatedAt = clock.instant();
        return managed;
    }

    public Map<UUID, Account> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Account> accounts = Account.list("id in ?1", ids);
        return accounts.stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
    }
}
