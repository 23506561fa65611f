/** What every readiness check shares: a deadline and a thread of its own (see {@link BoundedProbe}). */
package cn.kepu.media.shared.health;
