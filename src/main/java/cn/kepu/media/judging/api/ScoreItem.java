package cn.kepu.media.judging.api;

import java.math.BigDecimal;
import org.eclipse.microprofile.graphql.NonNull;

public record ScoreItem(@NonNull String criterion, @NonNull BigDecimal value, @NonNull String comment) {
}
