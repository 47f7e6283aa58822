package com.terrifictotes.etl.manifest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/** A {@link Checksum} being computed as bytes stream by. */
public abstract class ContentChecksum {
    private ContentChecksum() {
    }

    public static ContentChecksum of(Checksum.Algorithm algorithm) {
        return algorithm == Checksum.Algorithm.CRC32C ? new Crc32c() : new Sha256();
    }

    public abstract void update(byte[] bytes, int offset, int length);

    public abstract void update(int b);

    /** The checksum of every byte given so far. */
    public abstract Checksum result();

    /** {@code in}, feeding this checksum with every byte read from it. */
    public InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    update(b);
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n = super.read(bytes, offset, length);
                if (n > 0) {
                    update(bytes, offset, n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                return skipByReading(this, n);
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    /** Skips by reading, so that skipped bytes are checksummed too. */
    private static long skipByReading(InputStream in, long n) throws IOException {
        long skipped = 0;
        byte[] discard = new byte[8192];
        while (skipped < n) {
            int read = in.read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    private static final class Crc32c extends ContentChecksum {
        private final CRC32C crc = new CRC32C();

        @Override
        public void update(byte[] bytes, int offset, int length) {
            crc.update(bytes, offset, length);
        }

        @Override
        public void update(int b) {
            crc.update(b);
        }

        @Override
        public Checksum result() {
            return Checksum.crc32c(crc.getValue());
        }
    }

    private static final class Sha256 extends ContentChecksum {
        private final MessageDigest digest;

        Sha256() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public void update(int b) {
            digest.update((byte) b);
        }

        @Override
        public Checksum result() {
            return Checksum.sha256(HexFormat.of().formatHex(digest.digest()));
        }
    }
}
