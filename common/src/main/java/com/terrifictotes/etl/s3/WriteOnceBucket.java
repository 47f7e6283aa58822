package com.terrifictotes.etl.s3;

import com.terrifictotes.etl.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
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
 */
public final class WriteOnceBucket {
    static final String SHA256_METADATA = "sha256";
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
        return putIfAbsent(key, content, contentType, Sha256.hex(content));
    }

    /** The same, for a caller that has already digested {@code content} (SHA-256 is costly on C1-only JVMs). */
    StoredObject putIfAbsent(String key, byte[] content, String contentType, String sha256) {
        return putIfAbsent(key, content, contentType, sha256, SameContent.BYTES);
    }

    /**
     * The conditional PUT. A 412 (the key is taken) and a 409 (S3's ConditionalRequestConflict: another conditional
     * write to the key raced this one) both mean another writer, most likely another invocation doing the same work:
     * the object is re-checked, and if it is not there yet (the other write failed or is still in flight) the PUT is
     * tried again, a few times, before failing.
     */
    StoredObject putIfAbsent(String key, byte[] content, String contentType, String sha256, SameContent same) {
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .ifNoneMatch("*")
                        .contentType(contentType)
                        .metadata(Map.of(SHA256_METADATA, sha256))
                        .build(), RequestBody.fromBytes(content));
                return new StoredObject(key, content.length, sha256, true);
            } catch (S3Exception e) {
                if (isKeyTaken(e)) {
                    return confirmStored(key, content.length, sha256, same);
                }
                if (!isConcurrentConditionalWrite(e)) {
                    throw failure("cannot write", key, e);
                }
                if (exists(key)) {
                    return confirmStored(key, content.length, sha256, same);
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

    public byte[] readAllBytes(String key) {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read " + uri(key) + ": " + e.getMessage(), e);
        }
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
    StoredObject confirmStored(String key, long bytes, String sha256, SameContent same) {
        HeadObjectResponse head = head(key);
        String existing = head.metadata().get(SHA256_METADATA);
        if (existing == null) {
            existing = sha256Of(key);
        }
        if (existing.equals(sha256)) {
            return new StoredObject(key, bytes, sha256, false);
        }
        if (same.holds(key, sha256)) {
            return new StoredObject(key, head.contentLength(), existing, false);
        }
        throw new StorageException(uri(key) + " already exists with different content (sha256 " + existing
                + ", new " + sha256 + "); write-once objects are never replaced");
    }

    private HeadObjectResponse head(String key) {
        try {
            return s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("cannot inspect", key, e);
        }
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

    /** The SHA-256 of the object's content, read through to the end (hex). */
    public String sha256Of(String key) {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(open(key), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new StorageException("cannot read " + uri(key) + ": " + e.getMessage(), e);
        }
        return Sha256.hex(digest);
    }

    StorageException failure(String verb, String key, SdkException e) {
        String detail = e instanceof NoSuchBucketException ? "bucket " + bucket + " does not exist" : e.getMessage();
        return new StorageException(verb + " " + uri(key) + ": " + detail, e);
    }
}
