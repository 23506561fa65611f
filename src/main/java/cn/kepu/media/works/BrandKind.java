package cn.kepu.media.works;

import org.eclipse.microprofile.graphql.Description;

@Description("What kind of science-popularisation brand or series (网络科普品牌) it is.")
public enum BrandKind {
    /** 视频号、短视频频道 */
    VIDEO_CHANNEL,
    /** 专栏 */
    COLUMN,
    /** 播客、音频节目 */
    PODCAST,
    /** 图书、丛书 */
    BOOK_SERIES,
    /** 志愿服务品牌 */
    VOLUNTEER_SERVICE,
    /** 科普活动品牌 */
    EVENT_SERIES,
    OTHER
}
