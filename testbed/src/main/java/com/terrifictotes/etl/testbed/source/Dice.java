package com.terrifictotes.etl.testbed.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Deterministic choices. java.util.Random is used on purpose: its algorithm is fixed by its specification, so the
 * same seed gives the same data on every JVM. Each purpose gets its own stream, derived from the seed and the
 * purpose's name, so a change to how one table is generated leaves the others as they were.
 */
final class Dice {
    private final Random random;

    Dice(long seed, String purpose) {
        this.random = new Random(mix(seed, purpose.hashCode()));
    }

    Dice(long seed, long salt) {
        this.random = new Random(mix(seed, salt));
    }

    /** A SplitMix64-style finaliser: nearby seeds and salts give unrelated streams. */
    static long mix(long seed, long salt) {
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniformly chosen int in [low, high], both inclusive. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    /** {@code count} characters drawn from {@code alphabet}. */
    String characters(int count, String alphabet) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    String digits(int count) {
        return characters(count, "0123456789");
    }
}
