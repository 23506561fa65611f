package cn.kepu.media.contests.api;

import cn.kepu.media.contests.Declaration;
import java.util.List;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SubmitEntryInput")
public record SubmitEntryInput(
        @NonNull @Id String contestId,
        @NonNull String categoryCode,
        @NonNull @Id String workId,
        @NonNull List<@NonNull Declaration> declarations) {
}
