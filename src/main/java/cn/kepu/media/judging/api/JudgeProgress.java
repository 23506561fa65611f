package cn.kepu.media.judging.api;

import org.eclipse.microprofile.graphql.NonNull;

public record JudgeProgress(@NonNull String contestId, int assigned, int scored, int remaining) {
}
