package cn.kepu.media.media;

import org.eclipse.microprofile.graphql.Description;

@Description("A file derived from an original: thumbnails and previews for images, a poster frame for videos.")
public enum RenditionKind {
    THUMBNAIL, PREVIEW, POSTER
}
