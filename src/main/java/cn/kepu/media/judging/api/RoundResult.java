package cn.kepu.media.judging.api;

import java.math.BigDecimal;
import cn.kepu.media.contests.api.SubmissionView;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("ORGANIZER only: an entry's aggregated result in a round. Never shown to entrants, judges or the public.")
public record RoundResult(int rank,
        @NonNull @Description("By the method, two decimals (z-scores for Z_SCORE).") BigDecimal score,
        @NonNull BigDecimal mean, @NonNull BigDecimal median,
        @NonNull @Description("Highest minus lowest judge total (0..100).") BigDecimal spread, int judgeCount,
        @Description("Spread above the contest's threshold.") boolean disagreement, @NonNull SubmissionView entry) {
}
