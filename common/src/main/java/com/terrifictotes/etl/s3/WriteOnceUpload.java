package com.terrifictotes.etl.s3;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.ContentChecksum;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A streaming, write-once upload. Bytes go into one part-sized buffer; a full buffer becomes a multipart part. On
 * {@link #close()}, an object that fits one part is written with a single conditional PUT, a larger one by completing
 * the multipart upload with {@code If-None-Match: *}. The full-object CRC32C is computed on the way, for S3 to
 * validate and the manifest to record: a multipart upload is created with {@code ChecksumType.FULL_OBJECT}, each part
 * carries its own CRC32C (S3 refuses a part whose bytes differ), and the completion carries the whole object's, which
 * S3 checks against the parts it combined. The values travel in headers, never in {@code aws-chunked} trailers.
 *
 * <p>Call {@link #abort()} (or let {@link #close()} run after an exception set {@code failed}) to leave nothing.
 *
 * <p>To publish several objects all or none, {@link #stage()} each instead of closing it: every byte is uploaded
 * but no object appears until {@link #complete()}, and {@link #abort()} still leaves nothing.
 */
public final class WriteOnceUpload extends OutputStream {
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    /** S3's answer to a completion of an upload it no longer knows (NoSuchUpload). */
    private static final int NOT_FOUND = 404;

    private final WriteOnceBucket bucket;
    private final S3Client s3;
    private final String key;
    private final String contentType;
    private final SameContent same;
    private byte[] buffer;
    private final ContentChecksum whole = ContentChecksum.of(Checksum.Algorithm.CRC32C);
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long total;
    private String uploadId;
    private StoredObject result;
    private StoredObject staged;
    private boolean closed;

    WriteOnceUpload(WriteOnceBucket bucket, S3Client s3, String key, String contentType, int partSize,
                    SameContent same) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 parts are at least " + MIN_PART_SIZE + " bytes");
        }
        this.bucket = bucket;
        this.s3 = s3;
        this.key = key;
        this.contentType = contentType;
        this.same = same;
        this.buffer = new byte[partSize];
    }

    public String key() {
        return key;
    }

    /** Bytes written so far. */
    public long size() {
        return total;
    }

    @Override
    public void write(int b) {
        requireOpen();
        if (filled == buffer.length) {
            flushPart();
        }
        buffer[filled++] = (byte) b;
        whole.update(b);
        total++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        requireOpen();
        whole.update(bytes, offset, length);
        total += length;
        while (length > 0) {
            if (filled == buffer.length) {
                flushPart();
            }
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
        }
    }

    /** Publishes the object. After this, {@link #result()} tells what was stored. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (uploadId == null) {
            closed = true;
            result = bucket.putIfAbsent(key, Arrays.copyOf(buffer, filled), contentType, whole.result(), same);
            return;
        }
        stage();
        complete();
    }

    /**
     * Uploads what is still buffered as the last part, publishing nothing: the object appears on {@link #complete()}
     * and never after {@link #abort()}. Always a multipart upload (a single part may be small), so that holding
     * many staged objects costs no memory: the part buffer is released.
     *
     * @return what {@link #complete()} will store
     */
    public StoredObject stage() {
        if (staged != null) {
            return staged;
        }
        requireOpen();
        closed = true;
        try {
            if (uploadId == null) {
                createUpload();
            }
            if (filled > 0 || parts.isEmpty()) {
                uploadPart(filled);
            }
        } catch (SdkException e) {
            abort();
            throw uploadFailure("cannot upload last part of", e);
        }
        buffer = null;
        staged = new StoredObject(key, total, whole.result(), true);
        return staged;
    }

    /**
     * Publishes a staged upload with {@code If-None-Match: *}. A key already taken by the same content is a retry
     * meeting its own earlier write ({@link StoredObject#created()} false, and the result describes the stored
     * object); different content is a conflict. A 409 ConditionalRequestConflict (another conditional write raced
     * this one) re-checks the object and, while it has not appeared, completes again with the same parts.
     */
    public StoredObject complete() {
        if (result != null) {
            return result;
        }
        if (staged == null || uploadId == null) {
            throw new IllegalStateException("upload of " + key + " is not staged");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                s3.completeMultipartUpload(b -> b.bucket(bucket.name()).key(key).uploadId(uploadId)
                        .ifNoneMatch("*")
                        .checksumType(ChecksumType.FULL_OBJECT)
                        .checksumCRC32C(staged.checksum().value())
                        .multipartUpload(m -> m.parts(parts)));
                uploadId = null;
                result = staged;
                return result;
            } catch (S3Exception e) {
                boolean conflict = WriteOnceBucket.isConcurrentConditionalWrite(e);
                boolean gone = attempt > 1 && e.statusCode() == NOT_FOUND;
                if (WriteOnceBucket.isKeyTaken(e) || ((conflict || gone) && bucket.exists(key))) {
                    abort();
                    result = bucket.confirmStored(key, staged.bytes(), staged.checksum(), same);
                    return result;
                }
                if (gone) {
                    abort();
                    throw new StorageException("cannot complete upload of " + bucket.uri(key) + ": a conflicting "
                            + "write (409) did not publish it and S3 no longer knows this upload; a retry of the "
                            + "invocation uploads it again", e);
                }
                if (!conflict) {
                    abort();
                    throw bucket.writeFailure("cannot complete upload of", key, e);
                }
                if (attempt == WriteOnceBucket.CONFLICT_ATTEMPTS) {
                    abort();
                    throw bucket.conflictPersisted(key, e);
                }
                WriteOnceBucket.pauseAfterConflict(bucket.uri(key), attempt);
            } catch (SdkException e) {
                abort();
                throw bucket.failure("cannot complete upload of", key, e);
            }
        }
    }

    /** Abandons the upload: no object appears and no parts are left billed. Safe to call more than once. */
    public void abort() {
        closed = true;
        if (uploadId != null) {
            String id = uploadId;
            uploadId = null;
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket.name()).key(key).uploadId(id));
            } catch (SdkException ignored) {
                // The bucket's lifecycle rule for incomplete uploads cleans up what this could not.
            }
        }
    }

    public StoredObject result() {
        if (result == null) {
            throw new IllegalStateException("upload of " + key + " is not complete");
        }
        return result;
    }

    private void flushPart() {
        try {
            if (uploadId == null) {
                createUpload();
            }
            uploadPart(filled);
            filled = 0;
        } catch (SdkException e) {
            abort();
            throw uploadFailure("cannot upload part of", e);
        }
    }

    private void createUpload() {
        uploadId = s3.createMultipartUpload(b -> b.bucket(bucket.name()).key(key).contentType(contentType)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C).checksumType(ChecksumType.FULL_OBJECT)).uploadId();
    }

    private void uploadPart(int length) {
        int partNumber = parts.size() + 1;
        CRC32C crc = new CRC32C();
        crc.update(buffer, 0, length);
        String partCrc32c = Checksum.crc32c(crc.getValue()).value();
        String etag = s3.uploadPart(b -> b.bucket(bucket.name()).key(key).uploadId(uploadId).partNumber(partNumber)
                        .checksumCRC32C(partCrc32c),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                        "application/octet-stream")).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).checksumCRC32C(partCrc32c).build());
    }

    private StorageException uploadFailure(String verb, SdkException e) {
        if (e instanceof S3Exception s3Exception) {
            return bucket.writeFailure(verb, key, s3Exception);
        }
        return bucket.failure(verb, key, e);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("upload of " + key + " is closed");
        }
    }
}
