/**
 * Operations tools run from source by the scripts in {@code deploy/backup} and {@code deploy/ha} (not tests: their
 * names do not end in {@code Test}): copying a bucket out and back in with checksums, and checking a restored stack
 * against what was backed up.
 */
package cn.kepu.media.ops;
