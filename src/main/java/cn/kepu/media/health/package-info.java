/** Readiness: one named check per store, so an operator sees at once which one is down. */
package cn.kepu.media.health;
