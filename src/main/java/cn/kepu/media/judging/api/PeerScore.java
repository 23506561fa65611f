package cn.kepu.media.judging.api;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Another judge's score, labelled 评委 A, B… per entry: no judge identity.")
public record PeerScore(@NonNull String judgeLabel, @NonNull BigDecimal total, @NonNull List<@NonNull ScoreItem> items) {
}
