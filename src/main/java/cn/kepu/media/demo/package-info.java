/**
 * Demo data for dev runs and tests: the 2025 Science Week theme contest, one account per role and a dozen
 * works. Absent from production builds ({@code @IfBuildProfile}).
 */
package cn.kepu.media.demo;
