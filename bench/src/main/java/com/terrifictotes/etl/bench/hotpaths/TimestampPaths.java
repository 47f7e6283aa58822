package com.terrifictotes.etl.bench.hotpaths;

import static java.time.temporal.ChronoField.NANO_OF_SECOND;

import com.terrifictotes.etl.bench.hotpaths.HotPath.Candidate;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.csv.TimestampsAccess;
import com.terrifictotes.etl.extractor.PgTimestampTextAccess;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Arrays;
import java.util.List;

/**
 * The timestamp hot paths against the {@code DateTimeFormatter}s that define their text: {@code FastTimestamps}
 * (behind {@code Timestamps.parse}, common) and {@code PgTimestampText} (extractor), on the timestamps of the
 * benchmark's own batch. ({@code Timestamps.format} is the formatter's own since 2026-12-07: its hand-written twin
 * was within 9-11% of it.)
 */
final class TimestampPaths {
    /** PostgreSQL's output of a {@code timestamp} under DateStyle ISO: a space, 0 to 6 fraction digits. */
    private static final DateTimeFormatter POSTGRES = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .appendFraction(NANO_OF_SECOND, 0, 6, true)
            .toFormatter();

    private TimestampPaths() {
    }

    /** Reading the CSV's timestamp cells: ours against {@code LocalDateTime.parse(text, Timestamps.LENIENT)}. */
    static HotPath parse(HotPathInputs inputs) {
        List<String> cells = inputs.timestamps();
        DateTimeFormatter lenient = TimestampsAccess.lenient();
        for (String cell : cells) {
            require(Timestamps.parse(cell).equals(LocalDateTime.parse(cell, lenient)), "parse", cell);
        }
        return new HotPath("timestamp parsing (transformer)", HotPath.NANOS_PER_VALUE, cells.size(), List.of(
                new Candidate("FastTimestamps (Timestamps.parse)", () -> {
                    long sum = 0;
                    for (String cell : cells) {
                        sum += Timestamps.parse(cell).getNano();
                    }
                    return sum;
                }),
                new Candidate("DateTimeFormatter (Timestamps.LENIENT)", () -> {
                    long sum = 0;
                    for (String cell : cells) {
                        sum += LocalDateTime.parse(cell, lenient).getNano();
                    }
                    return sum;
                })), String.format("equal on %,d values", cells.size()));
    }

    /** PostgreSQL's timestamp text into the dialect's: ours against parsing and formatting with formatters. */
    static HotPath postgresText(HotPathInputs inputs) {
        List<byte[]> texts = inputs.pgTimestamps();
        byte[] out = new byte[PgTimestampTextAccess.MAX_LENGTH];
        for (byte[] text : texts) {
            int length = PgTimestampTextAccess.rewrite(text, text.length, out);
            require(Arrays.equals(Arrays.copyOf(out, length), viaFormatters(text)), "rewrite",
                    new String(text, StandardCharsets.US_ASCII));
        }
        return new HotPath("PostgreSQL timestamp text (extractor COPY path)", HotPath.NANOS_PER_VALUE, texts.size(),
                List.of(new Candidate("PgTimestampText", () -> {
                    long sum = 0;
                    for (byte[] text : texts) {
                        sum += PgTimestampTextAccess.rewrite(text, text.length, out);
                    }
                    return sum;
                }), new Candidate("DateTimeFormatter parse + Timestamps.FORMAT", () -> {
                    long sum = 0;
                    for (byte[] text : texts) {
                        sum += viaFormatters(text).length;
                    }
                    return sum;
                })), String.format("equal on %,d values", texts.size()));
    }

    /** The formatter rewrite: decode, parse as PostgreSQL prints, format as the dialect writes, encode. */
    private static byte[] viaFormatters(byte[] text) {
        LocalDateTime value = LocalDateTime.parse(new String(text, StandardCharsets.US_ASCII), POSTGRES);
        return Timestamps.FORMAT.format(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static void require(boolean equal, String what, String value) {
        if (!equal) {
            throw new IllegalStateException("the hand-written " + what + " and the formatter differ on " + value);
        }
    }
}
