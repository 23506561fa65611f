package cn.kepu.media.contests.api;

import cn.kepu.media.contests.ContestRound;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("ContestRound")
public record RoundView(@Id @NonNull String id, int number, @NonNull String name, Integer shortlistSize,
        int judgesPerEntry) {

    public static RoundView of(ContestRound r) {
        return new RoundView(r.id.toString(), r.number, r.name, r.shortlistSize, r.judgesPerEntry);
    }
}
