package cn.kepu.media.contests.api;

import cn.kepu.media.contests.ContestService;
import jakarta.enterprise.context.ApplicationScoped;

/** Contest views for other features' API classes, so they never handle the {@code Contest} entity themselves. */
@ApplicationScoped
public class ContestViews {

    private final ContestService contests;

    public ContestViews(ContestService contests) {
        this.contests = contests;
    }

    public ContestView byId(String id) {
        return ContestView.of(contests.get(id), contests.now());
    }
}
