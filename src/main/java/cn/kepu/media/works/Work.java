package cn.kepu.media.works;

import cn.kepu.media.identity.Region;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "work")
public class Work extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkKind kind;

    @Column(nullable = false)
    public String title;

    @Column(name = "title_en")
    public String titleEn;

    @Column(nullable = false)
    public String description;

    @Column(name = "description_en")
    public String descriptionEn;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] tags = new String[0];

    @ElementCollection
    @CollectionTable(name = "work_topic", joinColumns = @JoinColumn(name = "work_id"))
    @Column(name = "topic_code")
    public Set<String> topicCodes = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "work_creator", joinColumns = @JoinColumn(name = "work_id"))
    @OrderColumn(name = "position")
    public List<Creator> creators = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Region region;

    @Column(name = "credit_line", nullable = false)
    public String creditLine;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Licence licence;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WorkStatus status;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /**
     * Whether everyone (anonymous callers, media outlets, judges) may see the work at {@code now}: it is PUBLISHED
     * and its publication time has passed. An approval with a release time (embargo) sets the publication time in
     * the future; until then only the owner and staff see the work, in every read path ({@link WorkVisibility}).
     */
    public boolean isPublicAt(Instant now) {
        return WorkVisibility.isPublic(status, publishedAt, now);
    }

    /** Whether the work has at least one verified file: kept by the database (schema/sql V135), never written here. */
    @Column(name = "has_files", insertable = false, updatable = false)
    public boolean hasFiles;
    /** {@link AudienceLevel} names; empty when the owner named none. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "audience_levels", nullable = false)
    public String[] audienceLevels = new String[0];

    /** What the entrant declared about AI; null while undeclared. */
    @Enumerated(EnumType.STRING)
    @Column(name = "ai_use")
    public AiUse aiUse;

    /** How AI was used, in the entrant's words. */
    @Column(name = "ai_use_note")
    public String aiUseNote;

    /** The brand or series the work belongs to, if any. */
    @Column(name = "brand_id")
    public UUID brandId;
}
