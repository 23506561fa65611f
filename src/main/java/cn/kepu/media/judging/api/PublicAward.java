package cn.kepu.media.judging.api;

import cn.kepu.media.judging.AwardTier;
import cn.kepu.media.works.api.WorkView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An awarded, published work with its tier: what the public and media see (no scores, no ranks).")
public record PublicAward(@NonNull AwardTier tier, @NonNull String tierName, @NonNull WorkView work) {
}
