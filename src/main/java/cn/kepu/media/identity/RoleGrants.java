package cn.kepu.media.identity;

import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Organizers grant and revoke the roles that need someone's judgement: JUDGE, MODERATOR and MEDIA (an outlet signs
 * up by itself, as an entrant does, and an organizer confirms it is press). ENTRANT comes with self-registration and
 * ORGANIZER from the identity provider, so neither is granted here.
 *
 * <p>Why the service's own record rather than the provider's admin API: a grant takes effect on the caller's next
 * request (no token refresh, and a revocation is immediate), it works with any OIDC provider, the service needs no
 * admin credentials for the provider, and grant and audit record commit in one transaction. The caller's roles are
 * the token's plus these ({@link Caller}); {@code myRoles} shows both.
 *
 * <p>Every change fires {@link RoleGrantChanged} inside the transaction; the audit feature records it there.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RoleGrants {

    /** The roles organizers grant. */
    public static final Set<Role> GRANTABLE = EnumSet.of(Role.JUDGE, Role.MODERATOR, Role.MEDIA);

    /** A role was granted or revoked; fired in the transaction of the change (observed synchronously by audit). */
    public record RoleGrantChanged(UUID accountId, Role role, boolean granted) {
    }

    private final Caller caller;
    private final Event<RoleGrantChanged> changes;
    private final Clock clock;

    public RoleGrants(Caller caller, Event<RoleGrantChanged> changes, Clock clock) {
        this.caller = caller;
        this.changes = changes;
        this.clock = clock;
    }

    /** Grants {@code role}; granting a role the account has is a no-op (and not audited again). */
    @Transactional
    public Account grant(String accountId, Role role) {
        return change(accountId, role, true);
    }

    /** Revokes a granted role; revoking one the account does not have is a no-op. */
    @Transactional
    public Account revoke(String accountId, Role role) {
        return change(accountId, role, false);
    }

    private Account change(String accountId, Role role, boolean grant) {
        caller.requireAny(Role.ORGANIZER);
        caller.requireAccount();
        if (!GRANTABLE.contains(role)) {
            throw new ApiException(ErrorCode.VALIDATION, "role",
                    Msg.of("roles.notGrantable", role, GRANTABLE));
        }
        UUID id = Ids.parse(accountId, "accountId");
        Account account = Account.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "accountId", Msg.of("roles.accountNotFound", accountId));
        }
        Set<String> roles = new TreeSet<>(Arrays.asList(account.grantedRoles));
        boolean changed = grant ? roles.add(role.name()) : roles.remove(role.name());
        if (changed) {
            account.grantedRoles = roles.toArray(String[]::new);
            account.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            changes.fire(new RoleGrantChanged(account.id, role, grant));
        }
        return account;
    }
}
