package cn.kepu.media.judging.api;

import cn.kepu.media.judging.AwardTier;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Award")
public record AwardView(@NonNull AwardTier tier, @NonNull String nameZh) {

    public static AwardView of(AwardTier tier) {
        return new AwardView(tier, tier.nameZh());
    }
}
