package com.terrifictotes.etl.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ChecksumFormatsTest {
    private static final String OLD_SHA = "0123456789abcdef".repeat(4);
    private static final byte[] CONTENT = "sales_order_id,last_updated\n1,2026-11-21 06:00:00\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aCrc32cIsS3sFormBase64OfItsFourBigEndianBytes() {
        // RFC 3720's check value: CRC32C("123456789") = 0xE3069283, which S3 reports as "4waSgw==".
        Checksum checksum = Checksum.of(Checksum.Algorithm.CRC32C, "123456789".getBytes(StandardCharsets.US_ASCII));

        assertThat(checksum.value()).isEqualTo("4waSgw==");
        assertThat(checksum).isEqualTo(Checksum.crc32c(0xE3069283L));
        assertThat(checksum).hasToString("crc32c 4waSgw==");
    }

    @Test
    void aChecksumComputedAsBytesStreamByEqualsTheOneOverTheWholeContent() throws IOException {
        ContentChecksum running = Checksum.Algorithm.CRC32C.start();
        try (InputStream in = running.watch(new ByteArrayInputStream(CONTENT))) {
            in.read();
            in.transferTo(OutputStream.nullOutputStream());
        }
        CRC32C reference = new CRC32C();
        reference.update(CONTENT);

        assertThat(running.result()).isEqualTo(Checksum.crc32c(reference.getValue()));
        assertThat(Checksum.of(Checksum.Algorithm.SHA256, new byte[0]).value())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aDataFileIsWrittenWithItsAlgorithmAndValueInTheNewestFormat() {
        DataFile file = new DataFile("tables/dim_date/p", 1, CONTENT.length, Checksum.of(Checksum.Algorithm.CRC32C,
                CONTENT));
        ProcessedManifest manifest = processed(ProcessedManifest.FORMAT_VERSION, file);

        String json = new String(ManifestJson.write(manifest), StandardCharsets.UTF_8);

        assertThat(json).contains("\"formatVersion\" : 3").contains("\"algorithm\" : \"CRC32C\"")
                .contains("\"value\" : \"" + file.checksum().value() + "\"").doesNotContain("sha256");
        assertThat(ManifestJson.readProcessed("new", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(manifest);
    }

    @Test
    void anOlderManifestsBareSha256IsReadAsASha256Checksum() {
        String formatTwo = "{\"formatVersion\": 2, \"sequence\": 4, \"sourceManifestKey\": \"k\","
                + " \"schemaVersion\": 1, \"createdAt\": \"2026-11-21T06:00:00Z\","
                + " \"tables\": [{\"table\": \"dim_date\", \"rows\": 1,"
                + " \"files\": [{\"key\": \"tables/dim_date/p\", \"rows\": 1, \"bytes\": 10, \"sha256\": \"" + OLD_SHA
                + "\"}]}], \"stateFiles\": []}";
        String formatOne = "{\"formatVersion\": 1, \"sequence\": 3, \"runId\": \"r\", \"startedAt\":"
                + " \"2026-11-21T06:00:00Z\", \"finishedAt\": \"2026-11-21T06:00:01Z\", \"sourceTimeZone\": \"UTC\","
                + " \"tables\": [{\"table\": \"currency\", \"windowLo\": null,"
                + " \"windowHi\": \"2026-11-21T06:00:00.000\","
                + " \"columns\": [\"currency_id\"], \"rows\": 1, \"bytes\": 10, \"files\": [{\"key\": \"data/c/p.csv\","
                + " \"rows\": 1, \"bytes\": 10, \"sha256\": \"" + OLD_SHA + "\"}], \"recentVersions\": []}]}";

        DataFile processed = ManifestJson.readProcessed("old", formatTwo.getBytes(StandardCharsets.UTF_8))
                .tables().get(0).files().get(0);
        DataFile ingested = ManifestJson.readIngestion("old", formatOne.getBytes(StandardCharsets.UTF_8))
                .tables().get(0).files().get(0);

        assertThat(processed.checksum()).isEqualTo(Checksum.sha256(OLD_SHA));
        assertThat(ingested.checksum()).isEqualTo(Checksum.sha256(OLD_SHA));
    }

    @Test
    void aManifestWhoseFilesDoNotCarryTheChecksumItsFormatNamesIsRefusedNamingTheFile() {
        String newFormatWithSha = "{\"formatVersion\": 3, \"sequence\": 4, \"sourceManifestKey\": \"k\","
                + " \"schemaVersion\": 1, \"createdAt\": \"2026-11-21T06:00:00Z\", \"tables\": [{\"table\":"
                + " \"dim_date\", \"rows\": 1, \"files\": [{\"key\": \"tables/dim_date/p\", \"rows\": 1, \"bytes\": 10,"
                + " \"sha256\": \"" + OLD_SHA + "\"}]}], \"stateFiles\": []}";
        String bothForms = newFormatWithSha.replace("\"sha256\"", "\"checksum\": {\"algorithm\": \"CRC32C\","
                + " \"value\": \"4waSgw==\"}, \"sha256\"");

        assertThatThrownBy(() -> ManifestJson.readProcessed("s3://b/m.json",
                newFormatWithSha.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("s3://b/m.json")
                .hasMessageContaining("tables/dim_date/p by SHA256");
        assertThatThrownBy(() -> ManifestJson.readProcessed("s3://b/m.json",
                bothForms.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("both a checksum and a sha256");
        assertThatThrownBy(() -> new Checksum(Checksum.Algorithm.CRC32C, OLD_SHA))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ProcessedManifest processed(int format, DataFile file) {
        return new ProcessedManifest(format, 3, BucketLayout.ingestionManifestKey(3), 1,
                Instant.parse("2026-11-21T06:00:00Z"), List.of(new TableOutput("dim_date", 1, List.of(file))),
                List.of(), Map.of(), null, 2);
    }
}
