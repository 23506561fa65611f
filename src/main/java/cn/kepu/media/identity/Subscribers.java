package cn.kepu.media.identity;

import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.ErrorCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authorization for subscriptions. Subscription resolvers run on the IO thread, where the request-scoped
 * {@code Caller} may not resolve a lazily authenticated identity (it would block), so this resolves it reactively
 * and looks the account up on a worker thread, with the same rules and error codes as {@code Caller}.
 */
@ApplicationScoped
public class Subscribers {

    private final CurrentIdentityAssociation identities;

    public Subscribers(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** The subscriber's account id; fails with UNAUTHENTICATED, FORBIDDEN or ACCOUNT_REQUIRED like a query would. */
    public Uni<UUID> require(Role role) {
        return requireAny(role);
    }

    /** As {@link #require(Role)}, for subscriptions open to any of several roles. */
    public Uni<UUID> requireAny(Role... roles) {
        return identities.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class).transform(e -> ApiException.unauthenticated())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(identity -> accountOf(identity, roles));
    }

    private static UUID accountOf(SecurityIdentity identity, Role... roles) {
        if (identity.isAnonymous()) {
            throw ApiException.unauthenticated();
        }
        if (Arrays.stream(roles).noneMatch(role -> identity.hasRole(role.name()))) {
            throw ApiException.forbidden(Msg.of("identity.forbidden.roles",
                    Arrays.stream(roles).map(Role::name).collect(Collectors.joining(", "))));
        }
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject()
                : identity.getPrincipal().getName();
        return QuarkusTransaction.requiringNew().call(() -> Account.findBySubject(subject).map(a -> a.id))
                .orElseThrow(() -> new ApiException(ErrorCode.ACCOUNT_REQUIRED, null,
                        Msg.of("identity.account.required")));
    }
}
