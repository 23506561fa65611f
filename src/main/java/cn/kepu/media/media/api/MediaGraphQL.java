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
import cn.kepu.media.media.UploadPlan;
import cn.kepu.media.media.UploadService;
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
import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.List;
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

    public MediaGraphQL(UploadService uploads, DownloadService downloads, MediaReads reads, MediaCleanup cleanup,
            GraphQLLimits limits, WorkThumbnails thumbnails, NearDuplicates duplicates, Caller caller,
            WorkViews workViews, Context context) {
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
            Finishes the caller's upload and verifies the file (size, SHA-256, type sniffed from the bytes, limits). \
            MEDIA_REJECTED with the reason when it fails (the file is deleted); CONFLICT when parts are missing.""")
    public @NonNull MediaAssetView completeUpload(@NonNull @Id String id) {
        MediaAsset asset = uploads.complete(id);
        return views(List.of(asset), Map.of()).getFirst();
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
