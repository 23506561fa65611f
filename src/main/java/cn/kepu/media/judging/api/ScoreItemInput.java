package cn.kepu.media.judging.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ScoreItemInput")
public record ScoreItemInput(@NonNull String criterion, double value, @Size(max = 2000) String comment) {
}
