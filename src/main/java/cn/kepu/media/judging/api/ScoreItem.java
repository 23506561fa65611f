package cn.kepu.media.judging.api;

import org.eclipse.microprofile.graphql.NonNull;

public record ScoreItem(@NonNull String criterion, double value, @NonNull String comment) {
}
