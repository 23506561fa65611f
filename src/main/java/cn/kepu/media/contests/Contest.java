package cn.kepu.media.contests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "contest")
public class Contest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public int year;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String theme;

    @Column(nullable = false)
    public String description;

    /** Deadlines are announced in this zone; instants are stored in UTC. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone = "Asia/Shanghai";

    @Column(name = "submission_opens_at", nullable = false)
    public Instant submissionOpensAt;

    @Column(name = "submission_closes_at", nullable = false)
    public Instant submissionClosesAt;

    @Column(name = "judging_opens_at")
    public Instant judgingOpensAt;

    @Column(name = "judging_closes_at")
    public Instant judgingClosesAt;

    /** Live (not withdrawn) submissions one entrant may have in this contest. */
    @Column(name = "entry_limit", nullable = false)
    public int entryLimit = 3;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "required_declarations", nullable = false)
    public String[] requiredDeclarations = Declaration.names(Declaration.values());

    /** Whether a judge from the entrant's region counts as a conflict (small regions, tight communities). */
    @Column(name = "conflict_same_region", nullable = false)
    public boolean conflictSameRegion;

    /** Spread of judge totals (0..100) above which an entry is flagged as disagreement. */
    @Column(name = "disagreement_threshold", nullable = false)
    public double disagreementThreshold = 20;

    @Column(name = "results_published_at")
    public Instant resultsPublishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    /** Open by the server's clock, never the client's. */
    public boolean acceptsSubmissionsAt(Instant now) {
        return !now.isBefore(submissionOpensAt) && now.isBefore(submissionClosesAt);
    }

    /** Judges may score while this is true; an unset bound does not restrict. */
    public boolean judgingOpenAt(Instant now) {
        return (judgingOpensAt == null || !now.isBefore(judgingOpensAt))
                && (judgingClosesAt == null || now.isBefore(judgingClosesAt));
    }

    /**
     * Results may be published once submissions are closed and judging (when it has an end) is over: nobody can
     * still enter or score when the public learns the winners.
     */
    public boolean resultsMayBePublishedAt(Instant now) {
        return !now.isBefore(submissionClosesAt) && (judgingClosesAt == null || !now.isBefore(judgingClosesAt));
    }

    public boolean resultsPublished() {
        return resultsPublishedAt != null;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
