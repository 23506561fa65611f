/**
 * Start-up work that waits on a store (the bucket, the search index): run side by side, off the thread that opens
 * the HTTP port, with readiness waiting for it (see {@link cn.kepu.media.shared.startup.StartupTasks}).
 */
package cn.kepu.media.shared.startup;
