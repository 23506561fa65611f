package cn.kepu.media.search;

import cn.kepu.media.identity.Region;
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
        Boolean hasFiles) {
}
