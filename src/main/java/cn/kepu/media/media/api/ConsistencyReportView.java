package cn.kepu.media.media.api;

import java.util.List;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("MediaConsistencyReport")
public record ConsistencyReportView(
        @NonNull List<@NonNull String> objectsWithoutRow,
        @NonNull List<@NonNull String> rowsWithoutObject) {
}
