package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.csv.Timestamps;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks the source database's clock against the function's own before a run reads anything.
 *
 * <p>Why: the run's bound {@code hi} is the database's clock on the source's wall clock, and the freshness metric is
 * the function's clock minus it. A database clock hours off (or a bound read in the wrong zone, as an earlier
 * extractor did) would move every window by as much: rows skipped or held back, and a freshness that goes negative
 * so its alarm never fires. Both readings are instants, compared as such: their wall-clock readings can differ by an
 * hour for two instants a second apart, across a change of the clocks.
 */
final class ClockSkewGuard {
    private ClockSkewGuard() {
    }

    /**
     * @param source   the database, to name it
     * @param clock    the source's wall clock, to show both readings in its zone
     * @param database the database's reading (the snapshot's instant)
     * @param function the function's reading, taken just after it
     * @throws ClockSkewException if the two differ by more than {@code maxSkew}
     */
    static void check(SourceDatabase source, WallClock clock, Instant database, Instant function, Duration maxSkew) {
        Duration skew = Duration.between(function, database);
        if (skew.abs().compareTo(maxSkew) <= 0) {
            return;
        }
        throw new ClockSkewException("the clock of source database " + source.description() + " reads " + database
                + " (" + Timestamps.format(clock.at(database)) + " in " + clock.zone().getId()
                + ", the bound this run would read up to), but this function's clock reads " + function + " ("
                + Timestamps.format(clock.at(function)) + " in " + clock.zone().getId() + "): "
                + describe(skew) + ", more than " + ExtractorConfig.MAX_CLOCK_SKEW_SECONDS + " allows ("
                + maxSkew.toSeconds() + " s). Nothing was read or published and the latest manifest is unchanged;"
                + " correct the clock that is wrong (NTP on the database host) and the next run reads on");
    }

    private static String describe(Duration skew) {
        String amount = skew.abs().toMillis() / 1000.0 + " s";
        return skew.isNegative() ? "the database is " + amount + " behind" : "the database is " + amount + " ahead";
    }
}
