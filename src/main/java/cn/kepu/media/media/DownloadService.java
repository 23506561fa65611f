package cn.kepu.media.media;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived presigned downloads. Renditions follow the work's visibility. Originals go to the work's owner,
 * moderators and organizers; media outlets get the {@link DistributionCopies distribution copy} (full resolution,
 * no re-encoding, personal metadata removed, rights written in) of published works whose licence they accept. Every
 * original or copy handed out is recorded.
 */
@ApplicationScoped
@Transactional
public class DownloadService {

    /** The requested file, or the original when {@code rendition} is null. */
    public record Link(String url, Instant expiresAt, String contentType, String fileName, MediaAsset asset,
            Licence licence, String creditLine) {
    }

    private final Caller caller;
    private final WorkService works;
    private final MediaStorage storage;
    private final MediaConfig config;
    private final DistributionCopies distribution;
    private final Clock clock;

    public DownloadService(Caller caller, WorkService works, MediaStorage storage, MediaConfig config,
            DistributionCopies distribution, Clock clock) {
        this.distribution = distribution;
        this.caller = caller;
        this.works = works;
        this.storage = storage;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Not in a transaction: an outlet's first download of a file makes its distribution copy (ffmpeg, a store upload
     * of up to hundreds of megabytes), which takes seconds to minutes. Inside a transaction that would hold a pooled
     * connection idle all that time and could outlive the transaction timeout, rolling back the download record
     * after the copy was made. So the reads here run without one, the copy keeps its own short transactions
     * ({@link DistributionCopies}), and the record is written in one of its own once the URL is signed.
     *
     * @param rendition null for the original
     * @param acceptedLicence what a media outlet accepts; must be the work's licence for an original
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Link link(String assetId, RenditionKind rendition, Licence acceptedLicence) {
        MediaAsset asset = MediaAsset.findById(Ids.parse(assetId, "assetId"));
        if (asset == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "assetId", Msg.of("media.asset.notFound", assetId));
        }
        // Throws NOT_FOUND when the caller may not see the work, which hides its files too.
        Work work;
        try {
            work = works.get(asset.workId.toString());
        } catch (ApiException e) {
            throw new ApiException(ErrorCode.NOT_FOUND, "assetId", Msg.of("media.asset.notFound", assetId));
        }
        Instant expiresAt = clock.instant().plus(config.downloadUrlTtl()).truncatedTo(ChronoUnit.SECONDS);
        String base = "kepu-" + asset.id;
        if (rendition != null) {
            Rendition r = Rendition.findById(new Rendition.Key(asset.id, rendition));
            if (r == null || r.status != RenditionStatus.READY) {
                throw new ApiException(ErrorCode.CONFLICT, "rendition", Msg.of("media.rendition.notReady",
                        rendition.name(), assetId, r == null ? "-" : r.message()
                                .<Object>map(why -> Msg.of("media.rendition.statusBecause", status(r), why))
                                .orElse(status(r))));
            }
            String name = base + "-" + rendition.name().toLowerCase() + extension(r.contentType);
            return new Link(storage.presignGet(r.objectKey, config.downloadUrlTtl(), r.contentType,
                    disposition("inline", name, null)), expiresAt, r.contentType, name, asset, work.licence,
                    work.creditLine);
        }
        boolean outlet = authorizeOriginal(asset, work, acceptedLicence);
        if (outlet) {
            // Media outlets get the distribution copy: same pictures and sound, no location or personal tags,
            // rights written in, and a file name that is ours, not the entrant's.
            DistributionCopies.Copy copy = distribution.copyOf(asset, work);
            String name = base + "." + copy.extension();
            String url = storage.presignGet(copy.objectKey(), config.downloadUrlTtl(), copy.contentType(),
                    disposition("attachment", name, null));
            record(asset, work);
            return new Link(url, expiresAt, copy.contentType(), name, asset, work.licence, work.creditLine);
        }
        String contentType = MediaFormat.ofMimeType(asset.mimeType).map(MediaFormat::mimeType)
                .orElse("application/octet-stream");
        String name = base + MediaFormat.ofMimeType(asset.mimeType).map(f -> "." + f.extension()).orElse("");
        String url = storage.presignGet(asset.objectKey, config.downloadUrlTtl(), contentType,
                disposition("attachment", name, asset.fileName));
        record(asset, work);
        return new Link(url, expiresAt, contentType, name, asset, work.licence, work.creditLine);
    }

    /** Records an original or copy handed out, in a transaction of its own (see {@link #link}). */
    private void record(MediaAsset asset, Work work) {
        UUID account = caller.requireAccount().id;
        QuarkusTransaction.requiringNew().run(() -> {
            DownloadRecord record = new DownloadRecord();
            record.id = UUID.randomUUID();
            record.assetId = asset.id;
            record.workId = work.id;
            record.accountId = account;
            record.licence = work.licence;
            record.downloadedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            record.persist();
        });
    }

    /** The download log of originals, newest first, optionally for one work; organizers only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DownloadRecord> log(Optional<String> workId, int first) {
        caller.requireAny(Role.ORGANIZER);
        if (workId.isPresent()) {
            UUID id = Ids.parse(workId.get(), "workId");
            return DownloadRecord.<DownloadRecord>find("workId = ?1 order by downloadedAt desc, id desc", id)
                    .range(0, first - 1).list();
        }
        return DownloadRecord.<DownloadRecord>find("order by downloadedAt desc, id desc").range(0, first - 1).list();
    }

    /**
     * The calling outlet's own downloads (single files and the files of its ZIPs), newest first, keyset-paged; media
     * outlets only. Other accounts' downloads are never read here (organizers have {@link #log}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DownloadRecord> mine(PageRequest page) {
        caller.requireAny(Role.MEDIA);
        UUID me = caller.requireAccount().id;
        long total = DownloadRecord.count("accountId", me);
        if (page.first() == 0) {
            return new Page<>(List.of(), false, total);
        }
        List<DownloadRecord> rows = page.after()
                .map(c -> DownloadRecord.<DownloadRecord>find("accountId = ?1 and (downloadedAt < ?2"
                        + " or (downloadedAt = ?2 and id < ?3)) order by downloadedAt desc, id desc", me, c.at(),
                        c.id()))
                .orElseGet(() -> DownloadRecord.find("accountId = ?1 order by downloadedAt desc, id desc", me))
                .range(0, page.first()).list();
        return Page.fromOverfetched(rows, page.first(), total);
    }

    /** @return true when the caller is a media outlet (gets the distribution copy), false for the original */
    private boolean authorizeOriginal(MediaAsset asset, Work work, Licence acceptedLicence) {
        caller.requireAuthenticated();
        boolean owner = caller.accountId().map(asset.ownerId::equals).orElse(false);
        if (owner || caller.hasAny(Role.MODERATOR, Role.ORGANIZER)) {
            return false;
        }
        if (!caller.has(Role.MEDIA)) {
            throw new ApiException(ErrorCode.FORBIDDEN, null, Msg.of("media.original.forbidden"));
        }
        if (!work.isPublicAt(clock.instant())) {
            throw new ApiException(ErrorCode.FORBIDDEN, null, Msg.of("media.original.notPublished"));
        }
        if (acceptedLicence != work.licence) {
            throw new ApiException(ErrorCode.VALIDATION, "acceptLicence", Msg.of("media.original.licence",
                    work.licence.name(), work.licence.title()));
        }
        return true;
    }

    /** RFC 6266: an ASCII fallback name plus the UTF-8 original name, neither able to break out of the header. */
    static String disposition(String type, String asciiName, String originalName) {
        String header = type + "; filename=\"" + asciiName + "\"";
        if (originalName != null) {
            header += "; filename*=UTF-8''" + URLEncoder.encode(originalName, StandardCharsets.UTF_8)
                    .replace("+", "%20");
        }
        return header;
    }

    /** A rendition's status as a person reads it (the code stays in the API's fields). */
    private static Msg status(Rendition r) {
        return Msg.of("media.renditionStatus." + r.status.name());
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> ".jpg";
            case "video/mp4" -> ".mp4";
            case "image/png" -> ".png";
            default -> "";
        };
    }
}
