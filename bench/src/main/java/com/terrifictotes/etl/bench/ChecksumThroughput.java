package com.terrifictotes.etl.bench;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * How fast this JVM digests bytes with the checksums a manifest could carry, so that the cost of SHA-256 under the
 * stack's C1-only flag can be stated next to the alternatives. Run it with and without
 * {@code -XX:TieredStopAtLevel=1}:
 * {@code taskset -c 1 java -XX:ActiveProcessorCount=1 [-XX:TieredStopAtLevel=1] -cp bench/target/classes
 * com.terrifictotes.etl.bench.ChecksumThroughput 300}. Each algorithm runs twice over {@code MiB} mebibytes from a
 * 1 MiB buffer; the second round (after warm-up) is printed.
 */
public final class ChecksumThroughput {
    private static final int BUFFER = 1 << 20;

    private ChecksumThroughput() {
    }

    public static void main(String[] args) throws NoSuchAlgorithmException {
        int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        byte[] buffer = new byte[BUFFER];
        for (int i = 0; i < buffer.length; i++) {
            // any bytes do: the cost of these checksums does not vary with them
            buffer[i] = (byte) (i * 31 + (i >>> 8));
        }
        for (String algorithm : new String[] {"SHA-256", "CRC32C"}) {
            measure(algorithm, buffer, mebibytes);
            Round round = measure(algorithm, buffer, mebibytes);
            System.out.printf("%-8s %,8.0f MB/s%n", algorithm, round.megabytesPerSecond());
        }
    }

    /** One round: {@code mebibytes} passes over {@code buffer}; the result's value stops the work being elided. */
    static Round measure(String algorithm, byte[] buffer, int mebibytes) throws NoSuchAlgorithmException {
        long start = System.nanoTime();
        long value;
        if (algorithm.equals("CRC32C")) {
            Checksum crc = new CRC32C();
            for (int i = 0; i < mebibytes; i++) {
                crc.update(buffer, 0, buffer.length);
            }
            value = crc.getValue();
        } else {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            for (int i = 0; i < mebibytes; i++) {
                digest.update(buffer);
            }
            byte[] result = digest.digest();
            value = result[0];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Round((double) mebibytes * buffer.length / 1e6 / seconds, value);
    }

    record Round(double megabytesPerSecond, long value) {
    }
}
