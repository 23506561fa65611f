package cn.kepu.media.contests.api;

import cn.kepu.media.contests.RubricCriterion;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("RubricCriterion")
public record CriterionView(@NonNull String code, @NonNull String name, double weight, int scaleMax) {

    public static CriterionView of(RubricCriterion c) {
        return new CriterionView(c.code, c.name, c.weight, c.scaleMax);
    }
}
