/** Time: the injectable {@link java.time.Clock} every time-dependent rule reads. */
package cn.kepu.media.shared.time;
