package cn.kepu.media.judging.api;

import jakarta.validation.constraints.Min;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("PanelJudgeInput")
public record PanelJudgeInput(
        @NonNull @Id String judgeId,
        @Description("Category codes the judge covers; all when empty.") List<String> categoryCodes,
        @Description("Cap on assignments per round; none when omitted.") @Min(1) Integer maxLoad) {
}
