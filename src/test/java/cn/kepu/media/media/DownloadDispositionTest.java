package cn.kepu.media.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Content-Disposition of downloads cannot be broken out of by a hostile original file name. */
class DownloadDispositionTest {

    @Test
    void hostileFileNameIsPercentEncodedAndTheAsciiNameIsOurs() {
        String header = DownloadService.disposition("attachment", "kepu-1.jpg",
                "a\"; filename=evil.html\r\nX-Injected: 1 照片.jpg");
        assertThat(header).startsWith("attachment; filename=\"kepu-1.jpg\"; filename*=UTF-8''")
                .doesNotContain("\r", "\n", "\"; filename=evil", " 照片")
                .contains("%E7%85%A7%E7%89%87.jpg");
    }

    @Test
    void fileNameExtensionAndDeclaredTypeMapToOneFormat() {
        assertThat(MediaFormat.ofFileName("IMG_0001.JPEG")).contains(MediaFormat.JPEG);
        assertThat(MediaFormat.ofFileName("no-extension")).isEmpty();
        assertThat(MediaFormat.ofMimeType("image/jpg")).contains(MediaFormat.JPEG);
        assertThat(MediaFormat.ofMimeType("text/html")).isEmpty();
        assertThat(MediaFormat.MP4.allowedFor(cn.kepu.media.works.WorkKind.PHOTO)).isFalse();
        assertThat(MediaFormat.MP4.allowedFor(cn.kepu.media.works.WorkKind.OTHER)).isTrue();
    }
}
