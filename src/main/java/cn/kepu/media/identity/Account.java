package cn.kepu.media.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person or organisation known to kepu-media, keyed by the subject of their tokens. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The OIDC subject ({@code sub}); stable across sign-ins. */
    @Column(nullable = false, unique = true)
    public String subject;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String organization;

    @Enumerated(EnumType.STRING)
    @Column(name = "organization_type", nullable = false)
    public OrganizationType organizationType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Region region;

    /** Roles the provider granted at registration; informative only, see V1__identity.sql. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] roles = new String[0];

    /** Where notifications go; null until the person gives one (or the provider's token carries a verified one). */
    public String email;

    /** {@code zh} or {@code en} (see {@link Language}): the language of the person's notifications. */
    @Column(nullable = false)
    public String language = Language.ZH.code();

    /**
     * Roles organizers granted through the API (JUDGE, MODERATOR, MEDIA), on top of the token's; see
     * {@link RoleGrants}. Kept on the account row so the caller's roles cost no query beyond the account's own.
     */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "granted_roles", nullable = false)
    public String[] grantedRoles = new String[0];

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Optional<Account> findBySubject(String subject) {
        return find("subject", subject).firstResultOptional();
    }
}
