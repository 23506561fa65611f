package cn.kepu.media.works;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A person credited for a work, in credit order. */
@Embeddable
public class Creator {

    @Column(nullable = false)
    public String name;

    @Column(name = "name_en")
    public String nameEn;

    public String affiliation;

    /** What they did, e.g. 编剧, 摄影, illustration. */
    public String role;

    public Creator() {
    }

    public Creator(String name, String nameEn, String affiliation, String role) {
        this.name = name;
        this.nameEn = nameEn;
        this.affiliation = affiliation;
        this.role = role;
    }
}
