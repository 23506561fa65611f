package cn.kepu.media.media;

import org.eclipse.microprofile.graphql.Description;

/** Why a completed upload was not accepted; the object is deleted in every case. */
@Description("Why an uploaded file was rejected; the stored object is deleted.")
public enum Rejection {
    /** The stored object's size differs from the declared size. */
    SIZE_MISMATCH,
    /** The stored bytes do not hash to the declared SHA-256. */
    CHECKSUM_MISMATCH,
    /** The bytes are not of a type accepted for the work's kind (whatever the extension or declared type say). */
    TYPE_NOT_ALLOWED,
    /** The bytes are of an accepted type, but not the declared one (e.g. a PNG named .jpg). */
    TYPE_MISMATCH,
    /** Larger than the limit for its type. */
    TOO_LARGE,
    /** Width × height above the pixel limit: refused from the header, before decoding (decompression bomb). */
    TOO_MANY_PIXELS,
    /** Short side below the minimum. */
    TOO_SMALL,
    /** The file ends before its own structure says it should. */
    TRUNCATED,
    /** The structure cannot be read (corrupt, or facts the limits need are missing). */
    UNREADABLE
}
