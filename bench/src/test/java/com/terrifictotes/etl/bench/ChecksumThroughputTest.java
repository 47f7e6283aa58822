package com.terrifictotes.etl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ChecksumThroughputTest {
    private final byte[] buffer = "every byte of every pass is digested".repeat(100).getBytes();

    @Test
    void digestsEveryPassOfTheBufferWithSha256() throws Exception {
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        expected.update(buffer);
        expected.update(buffer);

        ChecksumThroughput.Round round = ChecksumThroughput.measure("SHA-256", buffer, 2);

        assertThat(round.value()).isEqualTo(expected.digest()[0]);
        assertThat(round.megabytesPerSecond()).isPositive();
    }

    @Test
    void digestsEveryPassOfTheBufferWithCrc32c() throws Exception {
        CRC32C expected = new CRC32C();
        expected.update(buffer);
        expected.update(buffer);
        expected.update(buffer);

        assertThat(ChecksumThroughput.measure("CRC32C", buffer, 3).value()).isEqualTo(expected.getValue());
    }
}
