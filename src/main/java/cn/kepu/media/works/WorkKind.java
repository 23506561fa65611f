package cn.kepu.media.works;

public enum WorkKind {
    POSTER, PHOTO, SHORT_VIDEO, ARTICLE, OTHER
}
