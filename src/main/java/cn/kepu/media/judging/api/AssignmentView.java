package cn.kepu.media.judging.api;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Assignment")
public record AssignmentView(@Id @NonNull String id, @Id @NonNull String roundId, @Id @NonNull String submissionId,
        @Id @NonNull String judgeId, boolean automatic) {
}
