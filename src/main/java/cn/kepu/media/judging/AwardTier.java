package cn.kepu.media.judging;

import org.eclipse.microprofile.graphql.Description;

@Description("Award tiers: 一等奖, 二等奖, 三等奖, 优秀奖. The public sees tiers, never scores or ranks.")
public enum AwardTier {
    FIRST_PRIZE("一等奖"), SECOND_PRIZE("二等奖"), THIRD_PRIZE("三等奖"), EXCELLENCE("优秀奖");

    private final String nameZh;

    AwardTier(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
