package cn.kepu.media.media;

import cn.kepu.media.works.Licence;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One download URL handed out for an original: who, which file, when, under which licence. */
@Entity
@Table(name = "download_record")
public class DownloadRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "asset_id", nullable = false)
    public UUID assetId;

    @Column(name = "work_id", nullable = false)
    public UUID workId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Licence licence;

    @Column(name = "downloaded_at", nullable = false)
    public Instant downloadedAt;

    /** The bulk (ZIP) download this file was part of; null for a single download. */
    @Column(name = "bulk_download_id")
    public UUID bulkDownloadId;
}
