package cn.kepu.media.media;

import cn.kepu.media.works.AiLabelSource;
import cn.kepu.media.works.DetectedAiLabel;
import cn.kepu.media.works.WorkAiLabels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link WorkAiLabels} from the verified files: one query for any number of works. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
@ActivateRequestContext
public class AiLabelReads implements WorkAiLabels {

    @Override
    public Map<UUID, List<DetectedAiLabel>> labelsOf(Collection<UUID> workIds) {
        Map<UUID, List<DetectedAiLabel>> labels = new HashMap<>();
        if (workIds.isEmpty()) {
            return labels;
        }
        MediaAsset.<MediaAsset>list("workId in ?1 and aiLabel is not null order by createdAt, id", workIds)
                .forEach(a -> labels.computeIfAbsent(a.workId, w -> new ArrayList<>()).add(new DetectedAiLabel(
                        a.aiLabel, Arrays.stream(a.aiLabelSources).map(AiLabelSource::valueOf).toList(),
                        a.aiLabelProducer)));
        return labels;
    }
}
