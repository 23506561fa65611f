package cn.kepu.media.media.api;

import cn.kepu.media.media.Rejection;
import cn.kepu.media.media.UploadPlan;
import cn.kepu.media.media.UploadSession;
import cn.kepu.media.media.UploadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("UploadSession")
@Description("""
        An upload and its verdict. Small files: PUT the whole file to url. Large files: PUT each part to its url. Then \
        completeUpload (status VERIFYING) and watch the verdict with uploadSessionChanged (or query uploadSession): \
        COMPLETED with asset, REJECTED with rejection and rejectionMessage, or FAILED with rejectionMessage. To \
        resume, query uploadSession: stored parts come back without url, missing ones with a fresh one.""")
public record UploadSessionView(
        @Id @NonNull String id,
        @Id @NonNull String workId,
        @NonNull UploadStatus status,
        @NonNull String fileName,
        long sizeBytes,
        @Description("Presigned PUT for a single-request upload; null for multipart or when not OPEN.") String url,
        @Description("Bytes per part (all but the last); null for a single-request upload.") Long partSize,
        @NonNull List<@NonNull UploadPartView> parts,
        @NonNull Instant expiresAt,
        @Description("Why the file was rejected, when status is REJECTED.") Rejection rejection,
        @Description("""
                What is wrong with the rejected file (status REJECTED), why it could not be verified (status \
                FAILED), or which parts the store lacks (status OPEN again after a completeUpload with parts), in the \
                caller's language (Accept-Language; Simplified Chinese by default).""")
        String rejectionMessage) {

    /** The session without upload URLs (once completed there is nothing left to PUT). */
    public static UploadSessionView of(UploadSession session, Locale locale) {
        return of(new UploadPlan(session, null, List.of()), locale);
    }

    /** The session as {@code locale}'s reader sees it: the rejection's detail is rendered in that language. */
    public static UploadSessionView of(UploadPlan plan, Locale locale) {
        UploadSession s = plan.session();
        return new UploadSessionView(s.id.toString(), s.workId.toString(), s.status, s.fileName, s.sizeBytes,
                plan.url(), s.partSize, plan.parts().stream().map(UploadPartView::of).toList(), s.expiresAt,
                s.rejection, s.rejectionDetail().map(detail -> detail.in(locale)).orElse(null));
    }
}
