package cn.kepu.media.collections;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A row of collection_work, mapped read-only for the batch query of member works. */
@Entity
@Table(name = "collection_work")
@IdClass(CollectionWork.Key.class)
@org.hibernate.annotations.Immutable
public class CollectionWork {

    @Id
    @Column(name = "collection_id")
    public UUID collectionId;

    @Id
    @Column(name = "work_id")
    public UUID workId;

    @Column(nullable = false)
    public int position;

    public record Key(UUID collectionId, UUID workId) implements Serializable {
    }
}
