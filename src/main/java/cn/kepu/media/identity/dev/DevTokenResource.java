package cn.kepu.media.identity.dev;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Role;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Mints tokens for demo accounts, signed with the local stack's dev key. Exists in dev and test builds only:
 * {@link IfBuildProfile} removes it from a production build at build time, and production has no signing key.
 */
@Path("/dev/token")
@IfBuildProfile(anyOf = {"dev", "test"})
@Produces(MediaType.TEXT_PLAIN)
public class DevTokenResource {

    /** A token for a registered demo account, with the roles recorded on it (e.g. {@code entrant1}). */
    @GET
    @Path("{subject}")
    public String forAccount(@PathParam("subject") String subject) {
        Account account = Account.findBySubject(subject)
                .orElseThrow(() -> new NotFoundException("No demo account " + subject));
        return sign(subject, Arrays.stream(account.roles).collect(Collectors.toSet()));
    }

    /** A token for any subject and roles, registered or not: tests use it for first-time callers. */
    @GET
    public String forSubject(@QueryParam("subject") String subject, @QueryParam("roles") String roles) {
        if (subject == null || subject.isBlank()) {
            throw new jakarta.ws.rs.BadRequestException("subject is required");
        }
        Set<String> groups = roles == null || roles.isBlank()
                ? Set.of()
                : Arrays.stream(roles.split(",")).map(String::strip).map(Role::valueOf).map(Enum::name)
                        .collect(Collectors.toSet());
        return sign(subject, groups);
    }

    private static String sign(String subject, Set<String> groups) {
        return Jwt.subject(subject).upn(subject).groups(groups).sign();
    }
}
