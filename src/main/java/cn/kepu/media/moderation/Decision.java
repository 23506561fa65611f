package cn.kepu.media.moderation;

public enum Decision {
    APPROVE, REJECT
}
