package cn.kepu.media.media.api;

import cn.kepu.media.media.UploadPlan;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("UploadPart")
@Description("One part of a multipart upload: PUT bytes [(partNumber-1)*partSize, partNumber*partSize) to url.")
public record UploadPartView(
        int partNumber,
        @Description("Presigned PUT; null once the part is stored.") String url,
        @Description("Bytes the store holds for this part; null while missing.") Long storedBytes) {

    static UploadPartView of(UploadPlan.PartPlan part) {
        return new UploadPartView(part.number(), part.url(), part.storedBytes());
    }
}
