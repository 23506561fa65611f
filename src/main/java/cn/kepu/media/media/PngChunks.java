package cn.kepu.media.media;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Rewrites a PNG chunk by chunk, as a stream: the picture's chunks are copied byte for byte (so are its pixels), every
 * other chunk is dropped (text, EXIF, time, C2PA, animation, private chunks), and uncompressed {@code iTXt} chunks
 * are written before the first {@code IDAT}. Memory is one copy buffer whatever the size of the picture.
 *
 * <p>Written here (chunks are length, type, data, CRC-32) because no maintained Java library rewrites PNG metadata
 * without decoding the pixels: ImageIO and Commons Imaging both hold the whole raster.
 */
final class PngChunks {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /**
     * The picture, and what says how its colours are meant to look (palette, transparency, colour space, gamma, ICC
     * profile, significant bits, pixel aspect); nothing in them describes a person, a place or a device.
     */
    private static final Set<String> KEPT = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "cHRM", "gAMA", "iCCP",
            "sBIT", "sRGB", "cICP", "pHYs");
    private static final int BUFFER = 64 * 1024;

    private PngChunks() {
    }

    /**
     * @param text keyword (Latin-1, 1–79 characters) and UTF-8 text of each {@code iTXt} chunk written, in order
     * @throws IOException also when the input is not a PNG or ends before {@code IEND}
     */
    static void rewrite(InputStream png, OutputStream out, List<Map.Entry<String, String>> text) throws IOException {
        DataInputStream in = new DataInputStream(png);
        byte[] signature = in.readNBytes(SIGNATURE.length);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not a PNG");
        }
        out.write(SIGNATURE);
        byte[] buffer = new byte[BUFFER];
        boolean textWritten = false;
        while (true) {
            long length = Integer.toUnsignedLong(in.readInt());
            byte[] type = in.readNBytes(4);
            if (type.length < 4 || length > Integer.MAX_VALUE) {
                throw new EOFException("PNG chunk header cut off or invalid");
            }
            String name = new String(type, StandardCharsets.ISO_8859_1);
            if (!textWritten && (name.equals("IDAT") || name.equals("IEND"))) {
                for (Map.Entry<String, String> entry : text) {
                    writeChunk(out, "iTXt", iTxt(entry.getKey(), entry.getValue()));
                }
                textWritten = true;
            }
            if (KEPT.contains(name)) {
                out.write(ByteBuffer.allocate(4).putInt((int) length).array());
                out.write(type);
                copy(in, out, length + 4, buffer);
            } else {
                in.skipNBytes(length + 4);
            }
            if (name.equals("IEND")) {
                return;
            }
        }
    }

    /** Chunks whose data is zlib-compressed (iTXt only when its compression flag is set). */
    private static final Set<String> COMPRESSED = Set.of("zTXt", "iCCP", "iTXt");
    /** The most a compressed chunk may inflate to and still be read for metadata. */
    private static final int MAX_INFLATED = 4 * 1024 * 1024;

    /**
     * The PNG's chunks without its image data, for reading metadata with bounded memory: {@code IDAT} dropped, and a
     * compressed chunk (text, ICC profile) dropped when it would inflate past {@value #MAX_INFLATED} bytes (a
     * decompression bomb in a text chunk; the metadata parser would inflate it whole). Ends after {@code IEND} or at
     * the end of the input.
     *
     * @param limit most bytes of chunks kept
     * @throws IOException when the kept chunks pass {@code limit}, or the input is not a PNG
     */
    static byte[] withoutImageData(InputStream png, int limit) throws IOException {
        DataInputStream in = new DataInputStream(png);
        byte[] signature = in.readNBytes(SIGNATURE.length);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not a PNG");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(SIGNATURE);
        while (true) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                return out.toByteArray();
            }
            long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt());
            String name = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (name.equals("IDAT")) {
                in.skipNBytes(length + 4);
                continue;
            }
            if (out.size() + length + 12 > limit) {
                throw new IOException("PNG metadata chunks larger than " + (limit >> 20) + " MiB");
            }
            byte[] rest = in.readNBytes((int) length + 4);
            if (!COMPRESSED.contains(name) || inflatesWithin(name, rest, (int) length)) {
                out.write(header);
                out.write(rest);
            }
            if (name.equals("IEND") || rest.length < length + 4) {
                return out.toByteArray();
            }
        }
    }

    /** Whether a compressed chunk's zlib stream (after its keyword and flags) inflates to at most the maximum. */
    private static boolean inflatesWithin(String name, byte[] data, int length) {
        int keywordEnd = 0;
        while (keywordEnd < length && data[keywordEnd] != 0) {
            keywordEnd++;
        }
        int start;
        if (name.equals("iTXt")) {
            if (keywordEnd + 1 >= length || data[keywordEnd + 1] == 0) {
                return true;
            }
            // flag, method, then the language tag and translated keyword, each ended by a null byte
            start = keywordEnd + 3;
            for (int nulls = 0; nulls < 2 && start < length; start++) {
                if (data[start] == 0) {
                    nulls++;
                }
            }
        } else {
            start = keywordEnd + 2;
        }
        if (start >= length) {
            return true;
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try {
            inflater.setInput(data, start, length - start);
            byte[] sink = new byte[16 * 1024];
            long total = 0;
            while (!inflater.finished() && !inflater.needsInput() && total <= MAX_INFLATED) {
                int n = inflater.inflate(sink);
                if (n == 0 && inflater.needsDictionary()) {
                    return false;
                }
                total += n;
            }
            return total <= MAX_INFLATED;
        } catch (java.util.zip.DataFormatException e) {
            // Not ours to judge: the metadata parser reports what it cannot read.
            return true;
        } finally {
            inflater.end();
        }
    }

    /** Keyword, null, compression flag 0 and method 0, empty language tag and translated keyword, UTF-8 text. */
    static byte[] iTxt(String keyword, String text) {
        byte[] key = keyword.getBytes(StandardCharsets.ISO_8859_1);
        byte[] value = text.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0 || key.length > 79) {
            throw new IllegalArgumentException("PNG keyword of 1-79 characters: " + keyword);
        }
        return ByteBuffer.allocate(key.length + 5 + value.length).put(key).put(new byte[5]).put(value).array();
    }

    static void writeChunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.write(ByteBuffer.allocate(8).putInt(data.length).put(name).array());
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void copy(InputStream in, OutputStream out, long count, byte[] buffer) throws IOException {
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("PNG chunk cut off");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
