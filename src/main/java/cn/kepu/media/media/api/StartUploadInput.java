package cn.kepu.media.media.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("StartUploadInput")
@Description("A file the caller is about to upload to one of their works; every claim is checked against the bytes.")
public record StartUploadInput(
        @NonNull @Id String workId,
        @NonNull @NotBlank @Size(max = 500) @Description("Shown to people; never used as a storage key.") String fileName,
        @NonNull @NotBlank @Description("MIME type, e.g. image/jpeg or video/mp4.") String declaredType,
        @Positive @Description("Exact size in bytes.") long sizeBytes,
        @NonNull @Description("SHA-256 of the whole file, 64 hex digits.") String sha256) {
}
