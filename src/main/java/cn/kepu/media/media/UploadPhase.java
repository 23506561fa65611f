package cn.kepu.media.media;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One phase of an upload call a client waits for ({@code startUpload}, {@code completeUpload}), as a JDK Flight
 * Recorder event: the per-phase profile of issue 13 item 3 ({@code deploy/bench/profiles/upload.md}) is read from
 * these. Costs nothing measurable while no recording asks for it (the JDK then elides the event).
 */
@Name("cn.kepu.media.UploadPhase")
@Label("Upload call phase")
@Category({"kepu", "media"})
@Description("A phase of startUpload or completeUpload, timed inside the service")
@StackTrace(false)
final class UploadPhase extends Event {

    @Label("Call")
    String call;

    @Label("Phase")
    String phase;

    private UploadPhase(String call, String phase) {
        this.call = call;
        this.phase = phase;
    }

    /** Starts timing {@code phase} of {@code call}; {@link #done()} records it. */
    static UploadPhase begin(String call, String phase) {
        UploadPhase event = new UploadPhase(call, phase);
        event.begin();
        return event;
    }

    /** Records the phase (when a recording wants it). */
    void done() {
        commit();
    }
}
