package cn.kepu.media.contests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

/** One criterion of a contest's rubric, e.g. 科学性 weighted 0.4 on a 0..10 scale. */
@Entity
@Table(name = "rubric_criterion")
public class RubricCriterion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "contest_id", nullable = false)
    public UUID contestId;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public double weight;

    @Column(name = "scale_max", nullable = false)
    public int scaleMax;

    @Column(nullable = false)
    public int position;

    public static List<RubricCriterion> ofContest(UUID contestId) {
        return list("contestId = ?1 order by position", contestId);
    }
}
