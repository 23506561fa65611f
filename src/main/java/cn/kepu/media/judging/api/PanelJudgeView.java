package cn.kepu.media.judging.api;

import cn.kepu.media.judging.JudgingService;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** One judge on a contest's panel; the judge's account is batch-resolved in {@link PanelGraphQL}. */
@Name("PanelJudge")
@Description("A judge on a contest's panel, as setJudgePanel last set it.")
public record PanelJudgeView(
        @Id @NonNull String judgeId,
        @NonNull @Description("Category codes the judge covers; all when empty.") List<@NonNull String> categoryCodes,
        @Description("Cap on assignments per round; none when null.") Integer maxLoad) {

    public static PanelJudgeView of(JudgingService.PanelSeat seat) {
        return new PanelJudgeView(seat.judgeId().toString(), seat.categoryCodes(), seat.maxLoad());
    }
}
