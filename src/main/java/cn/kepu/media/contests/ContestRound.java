package cn.kepu.media.contests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A judging round (初评, 终评): round 1 judges every accepted entry, later rounds the previous shortlist. */
@Entity
@Table(name = "contest_round")
public class ContestRound extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "contest_id", nullable = false)
    public UUID contestId;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String name;

    /** How many entries advance to the next round; null for the last round. */
    @Column(name = "shortlist_size")
    public Integer shortlistSize;

    @Column(name = "judges_per_entry", nullable = false)
    public int judgesPerEntry;

    public static List<ContestRound> ofContest(UUID contestId) {
        return list("contestId = ?1 order by number", contestId);
    }

    public Optional<ContestRound> next() {
        return find("contestId = ?1 and number = ?2", contestId, number + 1).firstResultOptional();
    }
}
