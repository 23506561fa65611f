package cn.kepu.media.media;

/** The outcome of verifying one uploaded object. */
public sealed interface Verdict {

    record Accepted(MediaFormat format, ProbedFacts facts) implements Verdict {
    }

    /** {@code detail} says what is wrong with this file, as a message rendered in each reader's language. */
    record Rejected(Rejection reason, cn.kepu.media.shared.error.Msg detail) implements Verdict {
    }
}
