package cn.kepu.media.media.api;

import cn.kepu.media.media.DownloadRecord;
import cn.kepu.media.media.DownloadService;
import cn.kepu.media.media.MediaAsset;
import cn.kepu.media.media.MediaCleanup;
import cn.kepu.media.media.MediaReads;
import cn.kepu.media.media.NearDuplicates;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.media.Rendition;
import cn.kepu.media.media.RenditionKind;
import cn.kepu.media.media.UploadService;
import cn.kepu.media.media.UploadStatus;
import cn.kepu.media.identity.Subscribers;
import cn.kepu.media.shared.graphql.CallerLanguage;
import cn.kepu.media.shared.graphql.GraphQLLimits;
import cn.kepu.media.shared.paging.Cursor;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.WorkThumbnails;
import cn.kepu.media.works.api.LicenceView;
import cn.kepu.media.works.api.MediaPreviewView;
import cn.kepu.media.works.api.WorkView;
import cn.kepu.media.works.api.WorkViews;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import io.smallrye.graphql.api.Subscription;

@GraphQLApi
public class MediaGraphQL {

    private final UploadService uploads;
    private final DownloadService downloads;
    private final MediaReads reads;
    private final MediaCleanup cleanup;
    private final GraphQLLimits limits;
    private final WorkThumbnails thumbnails;
    private final NearDuplicates duplicates;
    private final Caller caller;
    private final WorkViews workViews;
    private final Context context;
    private final Subscribers subscribers;

    public MediaGraphQL(UploadService uploads, DownloadService downloads, MediaReads reads, MediaCleanup cleanup,
            GraphQLLimits limits, WorkThumbnails thumbnails, NearDuplicates duplicates, Caller caller,
            WorkViews workViews, Context context, Subscribers subscribers) {
        this.subscribers = subscribers;
        this.workViews = workViews;
        this.context = context;
        this.thumbnails = thumbnails;
        this.duplicates = duplicates;
        this.caller = caller;
        this.uploads = uploads;
        this.downloads = downloads;
        this.reads = reads;
        this.cleanup = cleanup;
        this.limits = limits;
    }

    @Mutation("startUpload")
    @Description("Opens an upload of a file to the caller's own editable work: presigned PUT or multipart part URLs.")
    public @NonNull UploadSessionView startUpload(@NonNull @Valid StartUploadInput input) {
        return UploadSessionView.of(uploads.start(new UploadService.Start(input.workId(), input.fileName(),
                input.declaredType(), input.sizeBytes(), input.sha256())), CallerLanguage.of(context));
    }

    @Query("uploadSession")
    @Description("The caller's upload: which parts are stored, fresh URLs for the missing ones (to resume).")
    public @NonNull UploadSessionView uploadSession(@NonNull @Id String id) {
        return UploadSessionView.of(uploads.resume(id), CallerLanguage.of(context));
    }

    @Mutation("completeUpload")
    @Description("""
            Hands the caller's upload over for verification (size, SHA-256, type sniffed from the bytes, limits) and \
            answers at once with the session, status VERIFYING. The verdict follows on the session: COMPLETED with \
            asset, REJECTED with rejection and rejectionMessage (the file is deleted), or FAILED; watch it with \
            uploadSessionChanged or query uploadSession. CONFLICT when parts are missing (the upload stays OPEN), \
            when it is not OPEN any more or has expired; FORBIDDEN for someone else's upload. With parts (each stored \
            part and the ETag its PUT was answered with) the answer comes without asking the store; should the store \
            lack a part named there, the session goes back to OPEN, rejectionMessage naming the parts.""")
    public @NonNull UploadSessionView completeUpload(@NonNull @Id String id,
            @Description("The parts as stored (multipart uploads); omitted: the store lists them.")
            @Valid @Size(max = 10_000) List<CompletedPartInput> parts) {
        // A list argument with a non-null element type is generated as a required argument: elements stay nullable.
        return UploadSessionView.of(uploads.complete(id, parts == null ? null : parts.stream()
                .filter(java.util.Objects::nonNull)
                .map(p -> new UploadService.CompletedPart(p.partNumber(), p.etag())).toList()),
                CallerLanguage.of(context));
    }

    @Subscription("uploadSessionChanged")
    @Description("""
            ENTRANT, ORGANIZER: your upload's session at once, then each time it changes, ending with its verdict \
            (COMPLETED with asset, REJECTED, FAILED), whichever instance verified it. NOT_FOUND and FORBIDDEN as for \
            uploadSession.""")
    public Multi<UploadSessionView> uploadSessionChanged(@NonNull @Id String uploadId) {
        Locale locale = CallerLanguage.of(context);
        return subscribers.requireAny(Role.ENTRANT, Role.ORGANIZER).onItem().transformToMulti(me -> {
            UUID id = uploads.sessionOf(uploadId, me).id;
            // Changes first, then the state now: a verdict reached in between is read by the second at the latest.
            Multi<UploadSessionView> changes = uploads.changesOf(id, me)
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(e -> UploadSessionView.of(uploads.sessionOf(uploadId, me), locale));
            Multi<UploadSessionView> now = Multi.createFrom()
                    .item(() -> UploadSessionView.of(uploads.sessionOf(uploadId, me), locale));
            return Multi.createBy().merging().streams(changes, now)
                    .skip().repetitions()
                    // The verdict is the last word: emit it, then complete.
                    .onItem().transformToMultiAndConcatenate(v -> v.status().settled()
                            ? Multi.createFrom().items(v, SETTLED) : Multi.createFrom().item(v))
                    .select().first(v -> v != SETTLED);
        });
    }

    /** Marks the end of a subscription's stream after a verdict; never sent. */
    private static final UploadSessionView SETTLED = new UploadSessionView("", "", UploadStatus.EXPIRED, "", 0, null,
            null, List.of(), java.time.Instant.EPOCH, null, null);

    // Also resolved for subscription events, which arrive on a worker thread without a request context.
    @ActivateRequestContext
    @Description("The verified file once status is COMPLETED; null before and for every other verdict.")
    public List<MediaAssetView> asset(@Source List<UploadSessionView> sessions) {
        List<UUID> accepted = sessions.stream().filter(s -> s.status() == UploadStatus.COMPLETED)
                .map(s -> UUID.fromString(s.id())).toList();
        Map<UUID, MediaAsset> assets = reads.assetsByIds(accepted);
        List<MediaAsset> found = accepted.stream().map(assets::get).filter(java.util.Objects::nonNull).toList();
        List<MediaAssetView> built = views(found, Map.of());
        Map<String, MediaAssetView> byId = new HashMap<>();
        built.forEach(v -> byId.put(v.id(), v));
        return sessions.stream().map(s -> byId.get(s.id())).toList();
    }

    @Mutation("downloadUrl")
    @Description("""
            A short-lived download URL for a rendition, or for the original when rendition is null. Originals: media \
            outlets for published works after accepting the work's licence (acceptLicence must name it), and the \
            owner, moderators and organizers. Every original handed out is recorded.""")
    public @NonNull DownloadLinkView downloadUrl(@NonNull @Id String assetId, RenditionKind rendition,
            Licence acceptLicence) {
        return DownloadLinkView.of(downloads.link(assetId, rendition, acceptLicence));
    }

    @Query("downloadLog")
    @Description("Downloads of originals, newest first, optionally for one work (ORGANIZER).")
    public @NonNull List<@NonNull DownloadRecordView> downloadLog(@Id String workId, Integer first) {
        int size = first == null ? limits.defaultPageSize() : Math.max(1, Math.min(first, limits.maxPageSize()));
        return downloads.log(Optional.ofNullable(workId), size).stream().map(DownloadRecordView::of).toList();
    }

    @Query("myDownloads")
    @Description("""
            MEDIA: the caller's own downloads (single files and the files of its ZIPs), newest first, as a Relay \
            connection; each with its work while that is still public.""")
    public @NonNull DownloadRecordConnection myDownloads(Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        Page<DownloadRecord> found = downloads.mine(page);
        return new DownloadRecordConnection(found.items().stream()
                .map(r -> new DownloadRecordConnection.DownloadRecordEdge(cursorOf(r).encode(),
                        DownloadRecordView.of(r)))
                .toList(), found.pageInfo(MediaGraphQL::cursorOf, page.after().isPresent()),
                (int) found.totalCount());
    }

    @Description("The downloaded work as the caller may see it now; null once it is no longer public (taken down).")
    public List<WorkView> work(@Source List<DownloadRecordView> records) {
        Map<UUID, WorkView> visible = workViews.visibleByIds(records.stream()
                .map(r -> UUID.fromString(r.workId())).distinct().toList());
        return records.stream().map(r -> visible.get(UUID.fromString(r.workId()))).toList();
    }

    private static Cursor cursorOf(DownloadRecord r) {
        return new Cursor(r.downloadedAt, r.id);
    }

    @Query("mediaConsistency")
    @Description("Objects in storage without a row and rows without an object (ORGANIZER); both empty when sound.")
    public @NonNull ConsistencyReportView mediaConsistency() {
        MediaCleanup.Report report = cleanup.checkAsOrganizer();
        return new ConsistencyReportView(report.objectsWithoutRow(), report.rowsWithoutObject());
    }

    @Description("Verified files of the work with their facts, renditions, credit line and licence.")
    public @NonNull List<@NonNull List<@NonNull MediaAssetView>> media(@Source List<WorkView> works) {
        List<UUID> ids = works.stream().map(w -> UUID.fromString(w.id())).distinct().toList();
        Map<UUID, List<MediaAsset>> assets = reads.assetsOf(ids);
        Map<UUID, WorkView> byId = new HashMap<>();
        works.forEach(w -> byId.put(UUID.fromString(w.id()), w));
        List<MediaAsset> all = assets.values().stream().flatMap(List::stream).toList();
        Map<UUID, MediaAssetView> views = new HashMap<>();
        List<MediaAssetView> built = views(all, byId);
        for (int i = 0; i < all.size(); i++) {
            views.put(all.get(i).id, built.get(i));
        }
        return works.stream()
                .map(w -> assets.getOrDefault(UUID.fromString(w.id()), List.of()).stream()
                        .map(a -> views.get(a.id)).toList())
                .toList();
    }

    @Description("""
            The work's first file as thumbnail and preview URLs for <img>/<video> tags (null while it has no file);             resolved for a whole list in one query.""")
    public List<MediaPreviewView> preview(@Source List<WorkView> works) {
        Map<UUID, List<WorkThumbnails.Preview>> previews = thumbnails.previewsOf(
                works.stream().map(w -> UUID.fromString(w.id())).distinct().toList());
        return works.stream().map(w -> previews.getOrDefault(UUID.fromString(w.id()), List.of()).stream()
                .findFirst().map(MediaPreviewView::of).orElse(null)).toList();
    }

    @Description("Every file of the work as thumbnail and preview URLs, in upload order.")
    public @NonNull List<@NonNull List<@NonNull MediaPreviewView>> previews(@Source List<WorkView> works) {
        Map<UUID, List<WorkThumbnails.Preview>> previews = thumbnails.previewsOf(
                works.stream().map(w -> UUID.fromString(w.id())).distinct().toList());
        return works.stream().map(w -> previews.getOrDefault(UUID.fromString(w.id()), List.of()).stream()
                .map(MediaPreviewView::of).toList()).toList();
    }

    @Description("""
            MODERATOR and ORGANIZER: other works whose files are near-duplicates of this work's (copies,             re-submissions), closest first. Empty for everyone else.""")
    public @NonNull List<@NonNull List<@NonNull NearDuplicateView>> nearDuplicates(@Source List<WorkView> works) {
        if (!caller.hasAny(Role.MODERATOR, Role.ORGANIZER)) {
            return works.stream().map(w -> List.<NearDuplicateView>of()).toList();
        }
        Map<UUID, List<NearDuplicates.Match>> matches = duplicates.of(
                works.stream().map(w -> UUID.fromString(w.id())).distinct().toList());
        return works.stream().map(w -> matches.getOrDefault(UUID.fromString(w.id()), List.of()).stream()
                .map(NearDuplicateView::of).toList()).toList();
    }

    /** Views of assets with their renditions in one query; credit line and licence from the works given or read. */
    private List<MediaAssetView> views(List<MediaAsset> assets, Map<UUID, WorkView> works) {
        Map<UUID, List<Rendition>> renditions = reads.renditionsOf(assets.stream().map(a -> a.id).toList());
        Map<UUID, WorkFacts> facts = new HashMap<>();
        works.forEach((id, w) -> facts.put(id, new WorkFacts(w.creditLine(), w.licence())));
        List<UUID> unknown = assets.stream().map(a -> a.workId).filter(id -> !facts.containsKey(id)).distinct()
                .toList();
        reads.creditOf(unknown).forEach((id, credit) -> facts.put(id,
                new WorkFacts(credit.creditLine(), LicenceView.of(credit.licence()))));
        java.util.Locale locale = CallerLanguage.of(context);
        return assets.stream()
                .map(a -> MediaAssetView.of(a, facts.get(a.workId).creditLine(), facts.get(a.workId).licence(),
                        renditions.getOrDefault(a.id, List.of()).stream().map(r -> RenditionView.of(r, locale))
                                .toList()))
                .toList();
    }

    private record WorkFacts(String creditLine, LicenceView licence) {
    }
}
