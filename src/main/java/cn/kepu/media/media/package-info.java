/**
 * Media: files of works. Clients upload straight to object storage through presigned URLs (single PUT or
 * multipart, resumable); the service verifies each file from its bytes (size, SHA-256, sniffed type, limits,
 * truncation, decompression bombs) before accepting it, probes its facts, renders thumbnails and previews
 * asynchronously, hands out short-lived download URLs and records every download of an original. Owns the tables
 * {@code upload_session}, {@code media_asset}, {@code rendition} and {@code download_record} and everything under
 * the bucket prefixes {@code originals/} and {@code renditions/}.
 */
package cn.kepu.media.media;
