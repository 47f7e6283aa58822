package com.terrifictotes.etl.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8BytesTest {
    @Test
    void acceptsExactlyWhatJavasStrictDecoderAcceptsOnRandomBytes() {
        Random random = new Random(14);
        byte[] interesting = HexFormat.of().parseHex("00417f80bfc0c1c2dfe0e1ecedeef0f1f3f4f5ff9fa08f90");
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                        : (byte) random.nextInt(256);
            }

            assertThat(Utf8Bytes.firstInvalid(bytes, 0, bytes.length) < 0).as(HexFormat.of().formatHex(bytes))
                    .isEqualTo(strictlyDecodes(bytes));
        }
    }

    @Test
    void namesTheFirstBadByteOfOverlongSurrogateTooLargeAndTruncatedSequences() {
        assertThat(firstInvalid("636166e9")).isEqualTo(3);         // "caf" + a Latin-1 é
        assertThat(firstInvalid("41c0af")).isEqualTo(1);           // overlong '/'
        assertThat(firstInvalid("e0808f")).isEqualTo(0);           // overlong three-byte form
        assertThat(firstInvalid("41eda080")).isEqualTo(1);         // a UTF-16 surrogate (CESU-8)
        assertThat(firstInvalid("f4908080")).isEqualTo(0);         // beyond U+10FFFF
        assertThat(firstInvalid("41e282")).isEqualTo(1);           // '€' cut short
        assertThat(firstInvalid("c3a9e282acf09f9982")).isEqualTo(-1); // é € 🙂
        assertThat(firstInvalid("")).isEqualTo(-1);
    }

    @Test
    void showsValidTextAsItIsAndEachBadByteInHexWithBackslashesDoubled() {
        assertThat(escaped("636166e9206f6b")).isEqualTo("caf\\xE9 ok");
        assertThat(escaped("c3a95c78e9ff")).isEqualTo("é\\\\x\\xE9\\xFF");
        assertThat(escaped("0a22")).isEqualTo("\n\"");
    }

    @Test
    void showsAtMostTheLimitAndSaysHowManyBytesWereLeftOut() {
        byte[] bytes = ("x".repeat(300) + "\u00e9").getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 1] = (byte) 0xff;

        assertThat(Utf8Bytes.escaped(bytes, 0, bytes.length, 256)).isEqualTo("x".repeat(256) + "…(+46 bytes)");
    }

    private static int firstInvalid(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return Utf8Bytes.firstInvalid(bytes, 0, bytes.length);
    }

    private static String escaped(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return Utf8Bytes.escaped(bytes, 0, bytes.length, 256);
    }

    private static boolean strictlyDecodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
