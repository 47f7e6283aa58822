package com.terrifictotes.etl.lake;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Parquet {@link InputFile} over ranged S3 GETs, so a reader holds one row group's column chunks at most, never
 * the whole object. Parquet reads the footer at the end, then each row group front to back: one GET per seek.
 */
final class S3InputFile implements InputFile {
    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long length;

    S3InputFile(S3Client s3, String bucket, String key, long length) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.length = length;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new RangedStream();
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }

    @FunctionalInterface
    private interface ObjectRead {
        int run() throws IOException;
    }

    private final class RangedStream extends SeekableInputStream {
        /** A forward seek shorter than this reads through instead of issuing a new GET. */
        private static final long SKIP_THROUGH = 256 * 1024;

        private long pos;
        private InputStream in;
        private long inPos;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > length) {
                throw new EOFException("seek to " + newPos + " outside " + S3InputFile.this + " of " + length
                        + " bytes");
            }
            pos = newPos;
        }

        @Override
        public int read() throws IOException {
            if (pos >= length) {
                return -1;
            }
            int b = fromObject(() -> positioned().read());
            if (b >= 0) {
                pos++;
                inPos++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos >= length) {
                return -1;
            }
            int n = fromObject(() -> positioned().read(bytes, offset, (int) Math.min(len, length - pos)));
            if (n > 0) {
                pos += n;
                inPos += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int offset, int len) throws IOException {
            while (len > 0) {
                int n = read(bytes, offset, len);
                if (n < 0) {
                    throw new EOFException(S3InputFile.this + " ended " + len + " bytes early");
                }
                offset += n;
                len -= n;
            }
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
            int want = buffer.remaining();
            if (buffer.hasArray()) {
                int n = read(buffer.array(), buffer.arrayOffset() + buffer.position(), want);
                if (n > 0) {
                    buffer.position(buffer.position() + n);
                }
                return n;
            }
            byte[] chunk = new byte[Math.min(want, 64 * 1024)];
            int n = read(chunk, 0, chunk.length);
            if (n > 0) {
                buffer.put(chunk, 0, n);
            }
            return n;
        }

        @Override
        public void readFully(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                if (read(buffer) < 0) {
                    throw new EOFException(S3InputFile.this + " ended " + buffer.remaining() + " bytes early");
                }
            }
        }

        @Override
        public void close() {
            release();
        }

        /** Runs a read of the object's body; a failure of S3 or of the connection becomes an ObjectReadException. */
        private int fromObject(ObjectRead read) throws ObjectReadException {
            try {
                return read.run();
            } catch (IOException | SdkException e) {
                release(); // the connection is broken: a later read starts a new GET
                throw new ObjectReadException("reading at byte " + pos + " failed: " + e.getMessage(), e);
            }
        }

        private InputStream positioned() throws IOException {
            if (in != null && pos >= inPos && pos - inPos <= SKIP_THROUGH) {
                in.skipNBytes(pos - inPos);
                inPos = pos;
                return in;
            }
            release();
            in = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + pos + "-"));
            inPos = pos;
            return in;
        }

        private void release() {
            if (in == null) {
                return;
            }
            if (in instanceof ResponseInputStream<?> response) {
                response.abort(); // drop the rest of the body instead of draining it
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is being discarded anyway
            }
            in = null;
        }
    }
}
