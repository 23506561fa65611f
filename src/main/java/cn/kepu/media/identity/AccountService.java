package cn.kepu.media.identity;

import jakarta.persistence.LockModeType;
import java.util.Locale;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
    private final EntityManager em;

    public AccountService(Caller caller, Clock clock, EntityManager em) {
        this.caller = caller;
        this.clock = clock;
        this.em = em;
    }

    /**
     * The directory organizers pick judges, moderators and outlets from (ORGANIZER only): accounts newest first,
     * keyset-paged by (createdAt, id).
     *
     * @param role  only accounts holding it, from registration or granted ({@link Account#roles},
     *              {@link Account#grantedRoles}); null for all
     * @param query part of the display name, organisation or e-mail address, case-insensitively; null or blank for all
     */
    public Page<Account> list(Role role, String query, PageRequest page) {
        caller.requireAny(Role.ORGANIZER);
        if (page.first() == 0) {
            return Page.fromOverfetched(List.of(), 0, -1);
        }
        var where = new java.util.ArrayList<String>();
        var params = new java.util.ArrayList<Object>();
        if (role != null) {
            params.add(role.name());
            where.add("(?" + params.size() + " = any(a.roles) or ?" + params.size() + " = any(a.granted_roles))");
        }
        if (query != null && !query.isBlank()) {
            params.add("%" + query.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
            int q = params.size();
            where.add("(lower(a.display_name) like ?" + q + " or lower(coalesce(a.organization, '')) like ?" + q
                    + " or lower(coalesce(a.email, '')) like ?" + q + ")");
        }
        page.after().ifPresent(cursor -> {
            params.add(cursor.at());
            params.add(cursor.id());
            int at = params.size() - 1;
            where.add("(a.created_at < ?" + at + " or (a.created_at = ?" + at + " and a.id < ?" + (at + 1) + "))");
        });
        String sql = "select a.* from account a" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by a.created_at desc, a.id desc limit " + (page.first() + 1);
        var statement = em.createNativeQuery(sql, Account.class);
        for (int i = 0; i < params.size(); i++) {
            statement.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Account> rows = statement.getResultList();
        return Page.fromOverfetched(rows, page.first(), -1);
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
