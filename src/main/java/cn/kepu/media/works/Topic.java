package cn.kepu.media.works;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A field of the topic taxonomy, seeded from the Science Week notice (see V2__works.sql). */
@Entity
@Table(name = "topic")
public class Topic extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "name_en", nullable = false)
    public String nameEn;

    @Column(nullable = false)
    public int position;

    public static List<Topic> inOrder() {
        return list("order by position");
    }
}
