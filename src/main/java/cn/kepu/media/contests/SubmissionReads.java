package cn.kepu.media.contests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Reads submissions as {@link SubmissionSummary} read models for the API layer and the features above contests. No
 * authorization here: callers have already decided who may see which submission (their own service methods).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SubmissionReads {

    /** Summaries in the order given, with one query for their categories. */
    public List<SubmissionSummary> of(List<Submission> submissions) {
        if (submissions.isEmpty()) {
            return List.of();
        }
        Map<UUID, ContestCategory> categories = new HashMap<>();
        ContestCategory.<ContestCategory>list("id in ?1",
                submissions.stream().map(s -> s.categoryId).distinct().toList()).forEach(c -> categories.put(c.id, c));
        return submissions.stream().map(s -> {
            ContestCategory c = categories.get(s.categoryId);
            return new SubmissionSummary(s.id, s.entryCode, s.status, s.contestId, c.code, c.name, s.workId,
                    s.entrantId, s.previousId, s.submittedAt, s.updatedAt, s.version);
        }).toList();
    }

    public SubmissionSummary of(Submission submission) {
        return of(List.of(submission)).get(0);
    }

    /** Summaries of the ids in the order given; unknown ids are left out. Two queries. */
    public List<SubmissionSummary> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Submission> byId = new HashMap<>();
        Submission.<Submission>list("id in ?1", Set.copyOf(ids)).forEach(s -> byId.put(s.id, s));
        return of(ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList());
    }

    public SubmissionSummary byId(UUID id) {
        List<SubmissionSummary> found = byIds(List.of(id));
        return found.isEmpty() ? null : found.get(0);
    }
}
