package com.terrifictotes.etl.s3;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.ContentChecksum;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One bucket of the lake, seen as write-once storage. Every write is conditional ({@code If-None-Match: *}), so an
 * object, once written, is never replaced. A write that finds its key taken compares content: byte-identical
 * content (or the same content in other bytes, where the writer can decode it: {@link SameContent}) means a retry
 * met its own earlier write and proceeds; anything else is a conflict naming the key. S3's 409
 * ConditionalRequestConflict (two conditional writes racing for a key) is the same situation caught earlier: the
 * object is re-checked, and the write tried again while it has not appeared.
 *
 * <p>Every write carries the full-object CRC32C of its bytes, computed as they are buffered, in the
 * {@code x-amz-checksum-crc32c} header: S3 refuses the write if the bytes it received differ (400 BadDigest) and
 * stores the checksum with the object, where HEAD and GET with checksum mode report it. That is what the manifests
 * record, so a reader compares the stored object with its manifest without reading it.
 */
public final class WriteOnceBucket {
    /** S3's answer to a checksum that does not match the bytes it received. */
    static final int BAD_REQUEST = 400;
    static final int PRECONDITION_FAILED = 412;
    static final int CONDITIONAL_CONFLICT = 409;
    /** Tries of a write that S3 answers 409 while no object appears: about 1.5 s of pauses in all. */
    static final int CONFLICT_ATTEMPTS = 5;
    private static final long FIRST_CONFLICT_PAUSE_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(WriteOnceBucket.class);

    private final S3Client s3;
    private final String bucket;

    public WriteOnceBucket(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    public String name() {
        return bucket;
    }

    /** The client this bucket is reached with. */
    public S3Client client() {
        return s3;
    }

    /** {@code s3://bucket/key}, the form every error message uses. */
    public String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** Writes small content (a manifest) in one conditional PUT. */
    public StoredObject putIfAbsent(String key, byte[] content, String contentType) {
        return putIfAbsent(key, content, contentType, Checksum.of(Checksum.Algorithm.CRC32C, content),
                SameContent.BYTES);
    }

    /**
     * The conditional PUT. A 412 (the key is taken) and a 409 (S3's ConditionalRequestConflict: another conditional
     * write to the key raced this one) both mean another writer, most likely another invocation doing the same work:
     * the object is re-checked, and if it is not there yet (the other write failed or is still in flight) the PUT is
     * tried again, a few times, before failing.
     */
    StoredObject putIfAbsent(String key, byte[] content, String contentType, Checksum crc32c, SameContent same) {
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .ifNoneMatch("*")
                        .contentType(contentType)
                        .checksumCRC32C(crc32c.value())
                        .build(), RequestBody.fromBytes(content));
                return new StoredObject(key, content.length, crc32c, true);
            } catch (S3Exception e) {
                if (isKeyTaken(e)) {
                    return confirmStored(key, content.length, crc32c, same);
                }
                if (!isConcurrentConditionalWrite(e)) {
                    throw writeFailure("cannot write", key, e);
                }
                if (exists(key)) {
                    return confirmStored(key, content.length, crc32c, same);
                }
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw conflictPersisted(key, e);
                }
                pauseAfterConflict(uri(key), attempt);
            } catch (SdkException e) {
                throw failure("cannot write", key, e);
            }
        }
    }

    /**
     * Opens a streaming upload: memory use is one part ({@code partSize} bytes) whatever the object's size. The
     * object appears only when the stream is closed; a stream abandoned by an exception leaves no object behind.
     */
    public WriteOnceUpload openUpload(String key, String contentType, int partSize) {
        return openUpload(key, contentType, partSize, SameContent.BYTES);
    }

    /** The same, for content that {@code same} can recognise in other bytes (see {@link SameContent}). */
    public WriteOnceUpload openUpload(String key, String contentType, int partSize, SameContent same) {
        return new WriteOnceUpload(this, s3, key, contentType, partSize, same);
    }

    public WriteOnceUpload openUpload(String key, String contentType) {
        return openUpload(key, contentType, WriteOnceUpload.DEFAULT_PART_SIZE);
    }

    /** Streams an object; the caller closes it. A missing object or bucket is a {@link StorageException} naming it. */
    public ResponseInputStream<GetObjectResponse> open(String key) {
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (NoSuchKeyException e) {
            throw new StorageException(uri(key) + " does not exist", e);
        } catch (SdkException e) {
            throw failure("cannot read", key, e);
        }
    }

    /**
     * Streams an object with checksum mode: the response names the object's stored checksum, and the SDK checks the
     * bytes against a full-object one as the stream ends (a mismatch is an {@code SdkClientException} from the read).
     */
    public ResponseInputStream<GetObjectResponse> openChecked(String key) {
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED)
                    .build());
        } catch (NoSuchKeyException e) {
            throw new StorageException(uri(key) + " does not exist", e);
        } catch (SdkException e) {
            throw failure("cannot read", key, e);
        }
    }

    /**
     * The whole object, read with checksum mode: the SDK checks the bytes against S3's stored full-object checksum.
     * A mismatch means they changed on the way (S3 validated them on upload): a {@link StorageException} that a retry
     * gets past, never bytes handed on (a manifest read wrong would fail as bad input, or be believed).
     */
    public byte[] readAllBytes(String key) {
        return readIfExists(key).orElseThrow(() -> new StorageException(uri(key) + " does not exist"));
    }

    /** {@link #readAllBytes}, but a missing object is an answer (empty), not a fault. */
    public Optional<byte[]> readIfExists(String key) {
        try (InputStream in = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key)
                .checksumMode(ChecksumMode.ENABLED).build())) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read " + uri(key) + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            if (isChecksumMismatch(e)) {
                throw new StorageException("cannot read " + uri(key) + ": the bytes received do not match the "
                        + "checksum S3 stores for it (changed on the way); a retry reads it again. " + e.getMessage(),
                        e);
            }
            throw failure("cannot read", key, e);
        }
    }

    /**
     * Whether a read with checksum mode failed because the SDK found the bytes it received unlike S3's stored
     * checksum (the SDK names it only in its message), rather than for a fault of S3 or the connection.
     */
    public static boolean isChecksumMismatch(SdkException e) {
        return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("checksum");
    }

    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            throw failure("cannot inspect", key, e);
        }
    }

    /** All keys under a prefix, in the lexicographic order S3 lists them. */
    public List<String> listKeys(String prefix) {
        try {
            return s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
                    .contents().stream().map(S3Object::key).toList();
        } catch (SdkException e) {
            throw failure("cannot list", prefix, e);
        }
    }

    static boolean isKeyTaken(S3Exception e) {
        return e.statusCode() == PRECONDITION_FAILED;
    }

    static boolean isConcurrentConditionalWrite(S3Exception e) {
        return e.statusCode() == CONDITIONAL_CONFLICT;
    }

    /**
     * The key is taken: proceed only if what is there is what we meant to write, byte for byte or, where {@code same}
     * can tell, in content. The result describes what is stored, which is what a manifest must record.
     */
    StoredObject confirmStored(String key, long bytes, Checksum ours, SameContent same) {
        StoredState stored = stored(key);
        Checksum existing = stored.checksum(ours.algorithm()).orElseGet(() -> checksumOf(key, ours.algorithm()));
        if (existing.equals(ours)) {
            return new StoredObject(key, bytes, ours, false);
        }
        if (same.holds(key, ours)) {
            return new StoredObject(key, stored.bytes(), existing, false);
        }
        throw new StorageException(uri(key) + " already exists with different content (" + existing + ", new "
                + ours + "); write-once objects are never replaced");
    }

    /**
     * What S3 says about a stored object without reading it: its size and, where it was uploaded with one, its
     * full-object checksum (a HEAD with checksum mode). A missing object is a {@link StorageException} naming it.
     */
    public StoredState stored(String key) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        } catch (NoSuchKeyException e) {
            throw new StorageException(uri(key) + " does not exist", e);
        } catch (SdkException e) {
            throw failure("cannot inspect", key, e);
        }
        return new StoredState(head.contentLength(),
                StoredState.fullObjectCrc32c(head.checksumCRC32C(), head.checksumType()));
    }

    StorageException conflictPersisted(String key, S3Exception e) {
        return new StorageException("cannot write " + uri(key) + ": S3 answered 409 ConditionalRequestConflict "
                + CONFLICT_ATTEMPTS + " times (another write to the key kept racing this one) and no object appeared;"
                + " a retry of the invocation writes it", e);
    }

    /** Gives the other writer time to finish: 100, 200, 400, 800 ms. */
    static void pauseAfterConflict(String location, int attempt) {
        LOG.info("S3 answered 409 ConditionalRequestConflict for {}: another write to it is in flight and it is not "
                + "there yet; trying again (attempt {} of {})", location, attempt + 1, CONFLICT_ATTEMPTS);
        try {
            Thread.sleep(FIRST_CONFLICT_PAUSE_MILLIS << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting out a conflicting write", e);
        }
    }

    /**
     * The checksum of the object's content by {@code algorithm}, computed by reading it through to the end: for
     * objects S3 keeps no such checksum of (files of the older SHA-256 manifests), and for an operator's check.
     */
    public Checksum checksumOf(String key, Checksum.Algorithm algorithm) {
        ContentChecksum checksum = algorithm.start();
        try (InputStream in = checksum.watch(open(key))) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new StorageException("cannot read " + uri(key) + ": " + e.getMessage(), e);
        }
        return checksum.result();
    }

    /**
     * A failed write, worded for its cause: S3's 400 BadDigest (or InvalidRequest about the checksum) means the bytes
     * it received do not have the CRC32C we computed as we buffered them, so they changed on the way; nothing was
     * stored and a retry sends them again.
     */
    StorageException writeFailure(String verb, String key, S3Exception e) {
        if (e.statusCode() == BAD_REQUEST && isChecksumRefusal(e)) {
            return new StorageException(verb + " " + uri(key) + ": S3 refused the bytes it received because they do "
                    + "not match the CRC32C computed as they were written (corrupted on the way); nothing was "
                    + "stored, and a retry of the invocation uploads it again. S3 said: " + e.getMessage(), e);
        }
        return failure(verb, key, e);
    }

    private static boolean isChecksumRefusal(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return "BadDigest".equals(code) || "InvalidDigest".equals(code) || message.contains("checksum")
                || message.contains("digest");
    }

    StorageException failure(String verb, String key, SdkException e) {
        String detail = e instanceof NoSuchBucketException ? "bucket " + bucket + " does not exist" : e.getMessage();
        return new StorageException(verb + " " + uri(key) + ": " + detail, e);
    }
}
