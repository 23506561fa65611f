package cn.kepu.media.judging.api;

import cn.kepu.media.contests.api.ContestView;
import cn.kepu.media.identity.api.AccountView;
import cn.kepu.media.identity.api.AccountViews;
import cn.kepu.media.judging.JudgingService;
import cn.kepu.media.shared.graphql.GraphQLLimits;
import cn.kepu.media.shared.paging.Cursor;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/** A contest's current judge panel for its organizers: read beside setJudgePanel, batch-resolved per contest. */
@GraphQLApi
public class PanelGraphQL {

    private final JudgingService judging;
    private final AccountViews accounts;
    private final GraphQLLimits limits;

    public PanelGraphQL(JudgingService judging, AccountViews accounts, GraphQLLimits limits) {
        this.judging = judging;
        this.accounts = accounts;
        this.limits = limits;
    }

    @Description("ORGANIZER: the contest's judge panel (as setJudgePanel last set it), judges newest account first,"
            + " as a Relay connection; null for everyone else.")
    public List<PanelJudgeConnection> judgePanel(@Source List<ContestView> contests, Integer first, String after) {
        PageRequest page = PageRequest.of(first, after, limits);
        Map<UUID, Page<JudgingService.PanelSeat>> panels = judging.panels(
                contests.stream().map(c -> UUID.fromString(c.id())).distinct().toList(), page);
        return contests.stream().map(c -> {
            Page<JudgingService.PanelSeat> panel = panels.get(UUID.fromString(c.id()));
            return panel == null ? null : new PanelJudgeConnection(
                    panel.items().stream().map(s -> new PanelJudgeConnection.PanelJudgeEdge(cursorOf(s).encode(),
                            PanelJudgeView.of(s))).toList(),
                    panel.pageInfo(PanelGraphQL::cursorOf, page.after().isPresent()));
        }).toList();
    }

    @Description("The judge's account.")
    public @NonNull List<@NonNull AccountView> judge(@Source List<PanelJudgeView> seats) {
        Map<UUID, AccountView> found = accounts.byIds(
                seats.stream().map(s -> UUID.fromString(s.judgeId())).distinct().toList());
        return seats.stream().map(s -> found.get(UUID.fromString(s.judgeId()))).toList();
    }

    private static Cursor cursorOf(JudgingService.PanelSeat seat) {
        return new Cursor(seat.judgeSince(), seat.judgeId());
    }
}
