package cn.kepu.media.judging.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One revision of a judge's score; revisions append, never overwrite.")
public record JudgeScore(int revision, @NonNull Instant submittedAt,
        @Description("Weighted total on 0..100, two decimals.") @NonNull BigDecimal total, @NonNull List<@NonNull ScoreItem> items) {
}
