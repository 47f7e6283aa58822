package com.terrifictotes.etl.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written parser gives exactly what the lenient formatter gives, or steps aside (null) and lets it decide. */
class FastTimestampsTest {
    private static final int SAMPLES = 200_000;

    @Test
    void parsesEveryUsualShapeExactlyAsTheLenientFormatter() {
        Random random = new Random(42);
        for (int i = 0; i < SAMPLES; i++) {
            LocalDateTime value = randomDateTime(random);
            for (String text : shapes(value, random)) {
                assertThat(FastTimestamps.parse(text)).as(text)
                        .isEqualTo(LocalDateTime.parse(text, Timestamps.LENIENT));
                assertThat(parsedFromBytes(text)).as(text).isEqualTo(FastTimestamps.parse(text));
            }
        }
    }

    @Test
    void stepsAsideForWhatItDoesNotReadAndTheFormatterStillDecides() {
        List<String> unusual = List.of("2024-02-30T00:00:00", "2023-02-29 10:00:00.5", "2024-01-01T24:00:00",
                "2024-01-01T23:59:60", "2024-13-01T00:00:00", "2024-01-01T 12:00:00", "2024-01-01T12:00:00.",
                "2024-01-01T12:00:00.1234567890", "+2024-01-01T12:00:00", "2024-01-01T12:00:00Z", "2024-1-01T12:00:00",
                "2024-01-01X12:00:00", "２０２４-01-01T12:00:00", "2024-01-01T12:00", "yesterday", "");
        for (String text : unusual) {
            LocalDateTime fast = FastTimestamps.parse(text);
            assertThat(parsedFromBytes(text)).as(text).isEqualTo(fast);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(LocalDateTime.parse(text, Timestamps.LENIENT));
            }
            assertThat(outcome(() -> Timestamps.parse(text))).as(text)
                    .isEqualTo(outcome(() -> LocalDateTime.parse(text, Timestamps.LENIENT)));
        }
    }

    /** What a CSV reader gets for the cell's UTF-8 bytes, in a buffer longer than the cell. */
    private static LocalDateTime parsedFromBytes(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = Arrays.copyOf(utf8, utf8.length + 32);
        Arrays.fill(buffer, utf8.length, buffer.length, (byte) '9');
        return Timestamps.parseAscii(buffer, utf8.length);
    }

    private static List<String> shapes(LocalDateTime value, Random random) {
        String canonical = Timestamps.FORMAT.format(value);
        String date = canonical.substring(0, 10);
        String time = canonical.substring(11, 19);
        String nanos = String.format("%09d", value.getNano());
        String fraction = nanos.substring(0, 1 + random.nextInt(9));
        return List.of(canonical, date + " " + time, date + "T" + time, date + "T" + time + "." + fraction,
                date + " " + time + "." + fraction);
    }

    /** Nanoseconds with every number of trailing zeros, from whole seconds to full precision. */
    private static LocalDateTime randomDateTime(Random random) {
        int digits = random.nextInt(10);
        int nanos = random.nextInt(1_000_000_000);
        for (int i = digits; i < 9; i++) {
            nanos -= nanos % (int) Math.pow(10, 9 - i);
        }
        return LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos);
    }

    private static String outcome(java.util.function.Supplier<Object> parse) {
        try {
            return "value " + parse.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return "refused";
        }
    }
}
