/**
 * Judging: judge panels, conflicts of interest, manual and balanced automatic assignment, blind scoring with
 * append-only score revisions, reproducible aggregation (weighted mean, median, per-judge z-score), shortlists,
 * awards and publication of results.
 */
package cn.kepu.media.judging;
