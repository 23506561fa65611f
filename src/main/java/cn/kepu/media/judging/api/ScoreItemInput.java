package cn.kepu.media.judging.api;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ScoreItemInput")
public record ScoreItemInput(@NonNull String criterion,
        @NonNull @Description("0..the criterion's scale maximum, at most two decimals.") BigDecimal value, @Size(max = 2000) String comment) {
}
