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

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    /** Open by the server's clock, never the client's. */
    public boolean acceptsSubmissionsAt(Instant now) {
        return !now.isBefore(submissionOpensAt) && now.isBefore(submissionClosesAt);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
