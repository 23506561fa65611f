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
