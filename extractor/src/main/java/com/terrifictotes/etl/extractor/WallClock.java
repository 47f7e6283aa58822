package com.terrifictotes.etl.extractor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Objects;
import java.util.Optional;

/**
 * The wall clock ToteSys stamps {@code last_updated} with: readings of {@code SOURCE_TIME_ZONE}, as Java's
 * {@link ZoneId} means that zone. Every conversion between an instant and a source stamp happens here, in Java, and
 * nowhere in SQL: PostgreSQL reads a bare {@code +02:00} or {@code UTC+2} POSIX-style (two hours <em>west</em>),
 * Java reads it ISO-style (east), and the two must never meet.
 *
 * <p>Why a lowest reading over a span, rather than "the reading at the start of the span": a clock that goes back
 * (the autumn change; 30 minutes on Lord Howe Island) stamps rows inside a span with readings lower than the one
 * its start shows. A window that must catch every row stamped during a span starts at the lowest reading.
 */
record WallClock(ZoneId zone) {
    WallClock {
        Objects.requireNonNull(zone, "zone");
    }

    /** The reading at {@code instant}: the value a row stamped then carries. */
    LocalDateTime at(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /**
     * The lowest reading the clock shows at any instant in {@code [from, to]}: the reading at {@code from}, or the
     * reading just after any transition in the span that set the clock back, whichever is lower.
     */
    LocalDateTime lowest(Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        LocalDateTime lowest = at(from);
        ZoneOffsetTransition transition = rules.nextTransition(from);
        while (transition != null && !transition.getInstant().isAfter(to)) {
            if (transition.isOverlap() && transition.getDateTimeAfter().isBefore(lowest)) {
                lowest = transition.getDateTimeAfter();
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return lowest;
    }

    /**
     * The instant at which this clock showed {@code reading} nearest to {@code near}: a reading of a repeated hour
     * names two instants, and the one nearer the moment it was taken is meant. Empty for a reading the clock never
     * showed (inside a spring gap).
     */
    Optional<Instant> instantOf(LocalDateTime reading, Instant near) {
        Instant best = null;
        for (ZoneOffset offset : zone.getRules().getValidOffsets(reading)) {
            Instant candidate = reading.toInstant(offset);
            if (best == null || distance(candidate, near).compareTo(distance(best, near)) < 0) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Duration distance(Instant a, Instant b) {
        return Duration.between(a, b).abs();
    }
}
