package cn.kepu.media.media;

/** The outcome of verifying one uploaded object. */
public sealed interface Verdict {

    record Accepted(MediaFormat format, ProbedFacts facts) implements Verdict {
    }

    record Rejected(Rejection reason, String message) implements Verdict {
    }
}
