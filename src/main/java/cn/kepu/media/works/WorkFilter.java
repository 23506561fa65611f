package cn.kepu.media.works;

import cn.kepu.media.identity.Region;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Description;

@Description("Narrows a works list; empty lists mean no restriction. Visibility rules apply on top.")
@Input("WorkFilter")
public record WorkFilter(
        @Size(max = 10) List<WorkKind> kinds,
        @Size(max = 10) List<WorkStatus> statuses,
        @Size(max = 10) List<String> topics,
        @Size(max = 40) List<Region> regions,
        @Size(max = 10) List<Licence> licences,
        @Size(max = 30) String tag,
        @Description("Only the caller's own works.") Boolean mine,
        @Description("true: only works with at least one verified file; false: only works without.") Boolean hasFiles) {
}
