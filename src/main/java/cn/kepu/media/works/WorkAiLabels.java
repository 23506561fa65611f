package cn.kepu.media.works;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The AI labels found in the verified files of works, for the features that show or check them (works' API,
 * contest rules, judging). Owned by works, implemented by media; one query for any number of works. Works whose
 * files carry no label are absent.
 */
public interface WorkAiLabels {

    Map<UUID, List<DetectedAiLabel>> labelsOf(Collection<UUID> workIds);
}
