package cn.kepu.media.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Just enough EBML (the container syntax of Matroska and WebM) to tell a WebM from other Matroska files and to see
 * whether its Segment fits in the file. Everything beyond the header is left to ffprobe.
 */
final class Ebml {

    private static final long EBML_ID = 0x1A45DFA3L;
    private static final long DOC_TYPE_ID = 0x4282L;
    private static final long SEGMENT_ID = 0x18538067L;

    /**
     * @param docType    {@code webm} or {@code matroska}
     * @param segmentEnd the offset where the Segment ends, or -1 when its size is unknown (live streams)
     */
    record Header(String docType, long segmentEnd) {
    }

    private Ebml() {
    }

    /** The header of a file starting with {@code head}; empty when it is not EBML or the header does not parse. */
    static Optional<Header> header(byte[] head) {
        Reader r = new Reader(head);
        if (r.id() != EBML_ID) {
            return Optional.empty();
        }
        long headerSize = r.size();
        if (headerSize < 0 || r.pos + headerSize > head.length) {
            return Optional.empty();
        }
        long headerEnd = r.pos + headerSize;
        String docType = null;
        while (r.pos < headerEnd) {
            long id = r.id();
            long size = r.size();
            if (id < 0 || size < 0 || r.pos + size > headerEnd) {
                return Optional.empty();
            }
            if (id == DOC_TYPE_ID) {
                docType = new String(head, r.pos, (int) size, StandardCharsets.US_ASCII).replace("\0", "").strip();
            }
            r.pos += (int) size;
        }
        if (docType == null) {
            return Optional.empty();
        }
        long segmentEnd = -1;
        if (r.pos + 12 <= head.length && r.id() == SEGMENT_ID) {
            long size = r.size();
            segmentEnd = size < 0 ? -1 : r.pos + size;
        }
        return Optional.of(new Header(docType, segmentEnd));
    }

    /** Variable-length integers as EBML writes them: the leading zero bits give the length. */
    private static final class Reader {
        final byte[] bytes;
        int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        /** An element id with its marker bit kept, or -1. */
        long id() {
            return vint(true);
        }

        /** A data size with the marker removed; -1 when "unknown" (all ones) or malformed. */
        long size() {
            return vint(false);
        }

        private long vint(boolean keepMarker) {
            if (pos >= bytes.length) {
                return -1;
            }
            int first = bytes[pos] & 0xFF;
            int length = Integer.numberOfLeadingZeros(first) - 23;
            if (first == 0 || length > 8 || pos + length > bytes.length) {
                return -1;
            }
            long value = keepMarker ? first : first & (0xFF >> length);
            boolean allOnes = value == (0xFF >> length);
            for (int i = 1; i < length; i++) {
                int b = bytes[pos + i] & 0xFF;
                allOnes &= b == 0xFF;
                value = (value << 8) | b;
            }
            pos += length;
            return !keepMarker && allOnes ? -1 : value;
        }
    }
}
