package cn.kepu.media.judging.api;

import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;

public record AutoAssignResult(int added, @NonNull List<@NonNull String> understaffedSubmissionIds,
        int minLoad, int maxLoad) {
}
