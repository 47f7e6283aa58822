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
 * content means a retry met its own earlier write and proceeds; anything else is a conflict naming the key.
 */
public final class WriteOnceBucket {
    static final String SHA256_METADATA = "sha256";
    static final int PRECONDITION_FAILED = 412;
    static final int CONDITIONAL_CONFLICT = 409;

    private final S3Client s3;
    private final String bucket;

    public WriteOnceBucket(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    public String name() {
        return bucket;
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
                return confirmIdentical(key, content.length, sha256);
            }
            throw failure("cannot write", key, e);
        } catch (SdkException e) {
            throw failure("cannot write", key, e);
        }
    }

    /**
     * Opens a streaming upload: memory use is one part ({@code partSize} bytes) whatever the object's size. The
     * object appears only when the stream is closed; a stream abandoned by an exception leaves no object behind.
     */
    public WriteOnceUpload openUpload(String key, String contentType, int partSize) {
        return new WriteOnceUpload(this, s3, key, contentType, partSize);
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

    /** The key is taken: proceed only if what is there is exactly what we meant to write. */
    StoredObject confirmIdentical(String key, long bytes, String sha256) {
        String existing = existingSha256(key);
        if (!existing.equals(sha256)) {
            throw new StorageException(uri(key) + " already exists with different content (sha256 " + existing
                    + ", new " + sha256 + "); write-once objects are never replaced");
        }
        return new StoredObject(key, bytes, sha256, false);
    }

    private String existingSha256(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            String recorded = head.metadata().get(SHA256_METADATA);
            if (recorded != null) {
                return recorded;
            }
        } catch (SdkException e) {
            throw failure("cannot inspect", key, e);
        }
        return sha256Of(key);
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
