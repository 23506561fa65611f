package cn.kepu.media.works;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A science-popularisation brand or series of an organisation (a video channel, a column) that works belong to. */
@Entity
@Table(name = "brand")
public class Brand extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "owner_organization", nullable = false)
    public String ownerOrganization;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BrandKind kind;

    @Column(nullable = false)
    public String description;

    @Column(name = "description_en")
    public String descriptionEn;

    @Column(name = "logo_asset_id")
    public UUID logoAssetId;

    /** Accounts organizers let edit the brand and file their works under it. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "manager_ids", nullable = false)
    public UUID[] managerIds = new UUID[0];

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public boolean managedBy(UUID accountId) {
        return accountId != null && Arrays.asList(managerIds).contains(accountId);
    }
}
