package cn.kepu.media.search;

import cn.kepu.media.identity.Region;
import cn.kepu.media.works.AiLabelKind;
import cn.kepu.media.works.AudienceLevel;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.WorkKind;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Type;

/** Every list is "any of"; different fields combine with "and". */
@Input("SearchFilter")
@Type("SearchFilterValues")
@Description("Restricts searchWorks; every list means any of its values, fields combine with and.")
public record SearchFilter(
        List<WorkKind> kinds,
        @Description("Topic codes, see the topics query.") List<String> topics,
        List<Region> regions,
        List<String> contestIds,
        @Description("Award tiers, e.g. FIRST_PRIZE.") List<String> awardTiers,
        List<Licence> licences,
        Instant publishedFrom,
        Instant publishedTo,
        @Description("LANDSCAPE, PORTRAIT or SQUARE, from the probed media.") List<String> orientations,
        Double minVideoSeconds,
        Double maxVideoSeconds,
        List<String> collectionIds,
        @Description("true: only works with at least one verified file; false: only works without; null: both.")
        Boolean hasFiles,
        @Description("Works for any of these audiences.") List<AudienceLevel> audienceLevels,
        @Description("Works of any of these brands or series.") List<String> brandIds,
        @Description("What the entrant declared about AI; UNDECLARED matches works without a declaration.")
        List<AiDeclaredFilter> aiDeclared,
        @Description("Works with a file whose metadata carries any of these AI labels.") List<AiLabelKind> aiDetected,
        @Description("true: AI-generated content (declared or detected); false: neither.") Boolean aiGenerated,
        @Description("true: a file says AI made it but the entrant declared no AI use.") Boolean aiMismatch) {

    /** The entrant's AI declaration as a filter value: the declarations and their absence. */
    @org.eclipse.microprofile.graphql.Name("AiDeclaredFilter")
    public enum AiDeclaredFilter {
        NONE, ASSISTED, GENERATED, UNDECLARED
    }
}
