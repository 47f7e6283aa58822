package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A Parquet {@link InputFile} over an object already fetched whole: a small file costs one GET (with the object's
 * checksum checked) instead of one per seek (the footer's length, the footer, the row groups).
 */
final class ObjectBytes implements InputFile {
    /**
     * Objects up to this size are fetched whole, in one GET, and parsed from memory; larger ones stream by ranged
     * GETs, a row group at a time. Memory grows by at most this much; a dimension's, a small batch's and the
     * transformer's state files are below it.
     */
    static final long WHOLE_OBJECT_BYTES = 4L << 20;

    private final String location;
    private final byte[] bytes;

    ObjectBytes(String location, byte[] bytes) {
        this.location = location;
        this.bytes = bytes;
    }

    /**
     * {@code key}, of {@code length} bytes as its manifest records, in one GET with checksum mode on: the SDK checks
     * its bytes against S3's stored full-object checksum as they arrive (a mismatch is bad input, as a failed page
     * CRC is), and every page's CRC is still checked as it is decoded. Any other fault of S3 or the connection is a
     * StorageException, as in {@link S3InputFile}.
     */
    static ObjectBytes fetch(S3Client s3, WriteOnceBucket bucket, String key, long length) {
        byte[] bytes;
        try (InputStream in = s3.getObject(b -> b.bucket(bucket.name()).key(key).checksumMode(ChecksumMode.ENABLED))) {
            bytes = in.readAllBytes();
        } catch (NoSuchKeyException e) {
            throw new StorageException(bucket.uri(key) + " does not exist", e);
        } catch (IOException e) {
            throw new StorageException("cannot read " + bucket.uri(key) + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            // the SDK's check of the body against S3's stored checksum is bad input, like a page CRC that fails;
            // anything else is a fault of S3 or the connection, which a retry may get past
            String message = String.valueOf(e.getMessage());
            if (WriteOnceBucket.isChecksumMismatch(e)) {
                throw new BadInputException(bucket.uri(key) + " does not match its stored checksum: " + message, e);
            }
            throw new StorageException("cannot read " + bucket.uri(key) + ": " + message, e);
        }
        if (bytes.length != length) {
            throw new BadInputException(bucket.uri(key) + " has " + bytes.length + " bytes but the manifest records "
                    + length + " (truncated or replaced)");
        }
        return new ObjectBytes(bucket.uri(key), bytes);
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
        Positioned in = new Positioned(bytes);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() {
                return in.position();
            }

            @Override
            public void seek(long newPos) {
                in.seek(newPos);
            }
        };
    }

    @Override
    public String toString() {
        return location;
    }

    /** A ByteArrayInputStream that tells and moves its position. */
    private static final class Positioned extends ByteArrayInputStream {
        Positioned(byte[] bytes) {
            super(bytes);
        }

        long position() {
            return pos;
        }

        void seek(long newPos) {
            if (newPos < 0 || newPos > count) {
                throw new IllegalArgumentException("seek to " + newPos + " outside " + count + " bytes");
            }
            pos = (int) newPos;
        }
    }
}
