package cn.kepu.media.judging.api;

import cn.kepu.media.judging.BlindScoring;
import cn.kepu.media.judging.JudgeEntryService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/** A judge's own revision history of each assigned entry, for a whole list of entries in two queries. */
@GraphQLApi
public class JudgeScoreHistory {

    private final JudgeEntryService judgeEntries;

    public JudgeScoreHistory(JudgeEntryService judgeEntries) {
        this.judgeEntries = judgeEntries;
    }

    @Description("Every revision of your own score of this entry, newest first; empty until you score. Other judges' "
            + "revisions are never shown.")
    public @NonNull List<@NonNull List<@NonNull JudgeScore>> myScoreHistory(@Source List<JudgeEntry> entries) {
        Map<UUID, List<BlindScoring.OwnScore>> revisions = judgeEntries.myRevisions(entries.stream()
                .map(e -> UUID.fromString(e.assignmentId())).distinct().toList());
        return entries.stream().map(e -> revisions.getOrDefault(UUID.fromString(e.assignmentId()), List.of())
                .stream().map(r -> new JudgeScore(r.revision(), r.submittedAt(), r.total(),
                        r.items().stream().map(i -> new ScoreItem(i.criterion(), i.value(), i.comment())).toList()))
                .toList()).toList();
    }
}
