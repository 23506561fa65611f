package cn.kepu.media.contests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A work entered in a contest category by an entrant. */
@Entity
@Table(name = "submission")
public class Submission extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "contest_id", nullable = false)
    public UUID contestId;

    @Column(name = "category_id", nullable = false)
    public UUID categoryId;

    @Column(name = "work_id", nullable = false)
    public UUID workId;

    @Column(name = "entrant_id", nullable = false)
    public UUID entrantId;

    /** What judges see instead of any identity. */
    @Column(name = "entry_code", nullable = false)
    public String entryCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubmissionStatus status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] declarations;

    /** The rejected entry this one resubmits (the same work, revised), if any. */
    @Column(name = "previous_id")
    public UUID previousId;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
