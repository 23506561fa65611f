/**
 * Contests: the Science Week's themed calls for works. The foundation holds the call (theme, time zone,
 * submission window); categories, rubrics, rounds, submissions, judging and awards grow here.
 */
package cn.kepu.media.contests;
