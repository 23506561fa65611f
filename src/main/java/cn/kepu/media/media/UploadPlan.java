package cn.kepu.media.media;

import java.util.List;

/**
 * Where a client puts the bytes of an upload: one presigned PUT, or presigned part URLs. For a resuming client
 * the parts already stored carry their size and no URL.
 */
public record UploadPlan(UploadSession session, String url, List<PartPlan> parts) {

    /** @param storedBytes null while the part is missing; url null once it is stored */
    public record PartPlan(int number, String url, Long storedBytes) {
    }
}
