package cn.kepu.media.publishing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An organizer took a published work down (rights complaint, error…); at most one open per work. */
@Entity
@Table(name = "work_takedown")
public class WorkTakedown extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "work_id", nullable = false)
    public UUID workId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "taken_down_by", nullable = false)
    public UUID takenDownBy;

    @Column(name = "taken_down_at", nullable = false)
    public Instant takenDownAt;

    @Column(name = "lifted_by")
    public UUID liftedBy;

    @Column(name = "lifted_at")
    public Instant liftedAt;
}
