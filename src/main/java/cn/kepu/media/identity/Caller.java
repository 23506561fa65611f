package cn.kepu.media.identity;

import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.TokenFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, as services see it. Every service method starts by asking this object
 * whether the caller may proceed, so authorization holds whichever API reaches the service.
 *
 * <p>The caller's roles are those of the token's {@code groups} claim plus those organizers granted to the account
 * ({@link Account#grantedRoles}, see {@link RoleGrants}).
 *
 * <p>Authentication is lazy (see {@code quarkus.http.auth.proactive}): a bad token fails here, as a typed
 * {@link ErrorCode#UNAUTHENTICATED} error, instead of as a bare HTTP 401 before GraphQL can answer.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private Token token;
    private Set<Role> roles;
    private Optional<Account> account;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** What the verified token says: its subject and the roles of its {@code groups} claim. */
    private record Token(String subject, Set<Role> roles) {
        static final Token ANONYMOUS = new Token(null, Set.of());
    }

    private Token token() {
        if (token == null) {
            token = readToken();
        }
        return token;
    }

    private Token readToken() {
        try {
            if (identity.isAnonymous()) {
                return Token.ANONYMOUS;
            }
            String subject = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                    ? jwt.getSubject()
                    : identity.getPrincipal().getName();
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String group : identity.getRoles()) {
                Arrays.stream(Role.values()).filter(r -> r.name().equals(group)).forEach(roles::add);
            }
            return new Token(subject, Set.copyOf(roles));
        } catch (AuthenticationFailedException e) {
            // Say whether the token expired (sign in again) or is not ours at all.
            throw new ApiException(ErrorCode.UNAUTHENTICATED, null, TokenFailures.message(e));
        }
    }

    public boolean isAnonymous() {
        return token().subject() == null;
    }

    public Optional<String> subject() {
        return Optional.ofNullable(token().subject());
    }

    /** The token's roles plus those organizers granted to the account (read with the account, once per request). */
    public Set<Role> roles() {
        if (roles == null) {
            Set<Role> all = EnumSet.noneOf(Role.class);
            all.addAll(token().roles());
            account().ifPresent(a -> Arrays.stream(a.grantedRoles).map(Role::valueOf).forEach(all::add));
            roles = Set.copyOf(all);
        }
        return roles;
    }

    /**
     * Whether the caller has {@code role}. Decided from the token alone when the token carries it: the account's
     * grants only ever add roles ({@link RoleGrants}), so the account is read only for a role the token lacks. This is
     * what lets a call start work that depends on nothing but the caller's role before the account is read (issue 13:
     * {@code startUpload} asks the store for a multipart upload at once). Should an account state ever take a role
     * away (a disabled account), this shortcut has to go, and such calls must still check the account before they
     * commit anything (they do: see {@link #requireAccount}).
     */
    public boolean has(Role role) {
        return token().roles().contains(role) || roles().contains(role);
    }

    public boolean hasAny(Role... roles) {
        return Arrays.stream(roles).anyMatch(this::has);
    }

    /** A string claim of the caller's token (e.g. {@code email}, {@code locale}); empty for anonymous callers. */
    public Optional<String> claim(String name) {
        if (isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object value = jwt.getClaim(name);
        return value == null ? Optional.empty() : Optional.of(value instanceof jakarta.json.JsonString text
                ? text.getString() : value.toString());
    }

    /** @throws ApiException UNAUTHENTICATED for anonymous callers */
    public String requireAuthenticated() {
        return subject().orElseThrow(ApiException::unauthenticated);
    }

    /** @throws ApiException UNAUTHENTICATED when anonymous, FORBIDDEN without one of the roles */
    public void requireAny(Role... roles) {
        requireAuthenticated();
        if (!hasAny(roles)) {
            throw ApiException.forbidden(Msg.of("identity.forbidden.roles", Arrays.stream(roles).map(Enum::name)
                    .collect(java.util.stream.Collectors.joining(", "))));
        }
    }

    /** The caller's account, if they registered one. */
    public Optional<Account> account() {
        if (account == null) {
            account = subject().flatMap(Account::findBySubject);
        }
        return account;
    }

    /** @throws ApiException ACCOUNT_REQUIRED when authenticated but not yet registered */
    public Account requireAccount() {
        requireAuthenticated();
        return account().orElseThrow(() -> new ApiException(ErrorCode.ACCOUNT_REQUIRED, null,
                Msg.of("identity.account.required")));
    }

    public Optional<UUID> accountId() {
        return account().map(a -> a.id);
    }

    /** Forget the cached account, e.g. after registering it in this request. */
    void accountChanged(Account changed) {
        this.account = Optional.of(changed);
        this.roles = null;
    }
}
