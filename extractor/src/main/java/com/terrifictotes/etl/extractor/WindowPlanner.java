package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each table's window starts, and from where the run's manifest will vouch for what was delivered.
 *
 * <p><b>The window.</b> ToteSys stamps {@code last_updated} from the application's clock before its transaction
 * commits (no default, no trigger), so a row stamped {@code t} can become visible after a run whose bound was later
 * than {@code t} took its snapshot. A window starting exactly at the previous bound would skip it forever (the loss
 * Airbyte, dlt and Singer users report). So each window reaches back to cover every row stamped from
 * {@code overlap} before the previous run's snapshot instant up to this one's, and since the stamps are wall-clock
 * readings, it starts at the <em>lowest</em> reading the source's clock showed in that span ({@link WallClock}):
 * normally the previous bound minus the overlap, but across the autumn change the reading just after the clock went
 * back (01:00 in London), so the rows stamped in the second pass of the repeated hour are read, and across the
 * spring change the reading before the gap, so a late commit stamped just before it is too.
 *
 * <p><b>What the manifest vouches for.</b> A re-read version an earlier run delivered must be dropped, so each
 * manifest lists the versions delivered at or after its {@code recentFrom}, and every one of them. The run sets
 * {@code recentFrom} to the lowest stamp its successor can need: the lowest reading from {@code overlap} before
 * this snapshot to {@link #LOOK_AHEAD} after it, so a run shortly before the autumn change already remembers the
 * whole hour its successor will re-read. It can vouch no lower than what the previous manifest vouched for (or this
 * window's start, if that is lower: everything delivered there was read again now).
 *
 * <p><b>Settings that change.</b> A longer overlap or a zone further west makes a window start below what the
 * previous manifest vouches for. The versions delivered in between are then read from the lake
 * ({@link LakeVersions}), so nothing is delivered twice and a late commit the shorter overlap missed is delivered
 * now. A shorter overlap or a zone further east starts inside the vouched range and needs nothing more.
 *
 * <p><b>Chains.</b> A batch that stopped at its row limit records where it cut each table
 * ({@link TableExtract#continueAfter()}). A cut inside the last overlap needs nothing special: the normal window
 * covers it. A cut below it (the chain of a first load or a long catch-up) becomes the table's <em>backfill
 * range</em> ({@link Backfill}): the rest of the old window, frozen below where this run's normal (fresh) window
 * starts, read after every table's fresh window with what is left of the row limit; so a change made while a chain
 * runs reaches the next batch (DBLog's idea). A table has at most one backfill range: if the fresh window itself
 * is cut below the next one's start while a range is left (a mass update larger than a batch), the next window goes
 * on from that cut ({@link #continuation}) and the range waits.
 */
final class WindowPlanner {
    /**
     * How far after its snapshot a run looks for a clock change that would make its successor reach back below this
     * run's {@code hi - overlap}. A change further ahead lifts the reading more than any zone ever set it back.
     */
    static final Duration LOOK_AHEAD = Duration.ofDays(2);

    /**
     * How near the previous run's start its bound must lie to be taken as that run's snapshot instant. The start is
     * read by the function a moment before the snapshot, and the clocks agree to within the skew guard; a bound
     * hours away was read in another zone (an extractor before this one gave PostgreSQL numeric zones, which it
     * reads with the sign flipped).
     */
    static final Duration SAME_RUN = Duration.ofMinutes(25);

    private static final Logger LOG = LoggerFactory.getLogger(WindowPlanner.class);

    private final WallClock clock;
    private final Duration overlap;

    WindowPlanner(ZoneId zone, Duration overlap) {
        this.clock = new WallClock(zone);
        this.overlap = overlap;
    }

    /**
     * The plan for {@code table} in a run whose snapshot was taken at {@code now}, after the latest manifest.
     *
     * @throws BadInputException if the window would be empty: with no overlap, a source clock that did not advance
     */
    WindowPlan plan(String table, Instant now, Optional<IngestionManifest> latest) {
        LocalDateTime hi = clock.at(now);
        LocalDateTime remember = clock.lowest(now.minus(overlap), now.plus(LOOK_AHEAD));
        Optional<TableExtract> previous = latest.flatMap(m -> m.table(table));
        if (previous.isEmpty()) {
            return new WindowPlan(new ExtractionWindow(null, hi), null, remember);
        }
        TableExtract extract = previous.get();
        Instant previousInstant = previousSnapshot(latest.get(), extract);
        Instant from = (previousInstant.isBefore(now) ? previousInstant : now).minus(overlap);
        LocalDateTime lo = clock.lowest(from, now);
        ContinueAfter cut = extract.continueAfter();
        boolean cutBelow = cut != null && (cut.lastUpdated() == null || cut.lastUpdated().isBefore(lo));
        if (cutBelow && extract.backfill() != null) {
            // the fresh phase itself overflowed (a mass update): it goes on from its cut, the range stays
            return continuation(table, cut, hi, remember).withBackfill(extract.backfill());
        }
        if (!lo.isBefore(hi)) {
            throw new BadInputException(table + ": the source clock reads " + hi + " (" + now + "), no later than"
                    + " the previous run's bound " + extract.windowHi() + "; with an overlap of " + overlap
                    + " there is no window to read. The next run, once the clock has passed it, reads on");
        }
        LocalDateTime vouched = extract.recentFrom() != null ? extract.recentFrom()
                : extract.windowHi().minus(overlap);
        if (cutBelow && lo.isBefore(vouched)) {
            vouched = lo; // every version delivered after the cut is listed, whatever its stamp
        }
        LocalDateTime complete = lo.isBefore(vouched) ? lo : vouched;
        WindowPlan fresh = new WindowPlan(new ExtractionWindow(lo, hi), vouched,
                remember.isAfter(complete) ? remember : complete);
        return fresh.withBackfill(cutBelow ? Backfill.ofRange(cut, lo) : lowered(table, extract.backfill(), lo));
    }

    /**
     * A backfill range beside a fresh window that starts at {@code lo}: as it was, or lowered to {@code lo} if the
     * window starts below it (the clocks went back, or the overlap grew), so the two never overlap. The rows of the
     * range at or above {@code lo} not read yet are then read by the fresh window; those read already are among the
     * versions the lake holds below what the previous manifest vouches for, so the window drops them.
     */
    private static Backfill lowered(String table, Backfill range, LocalDateTime lo) {
        if (range == null || !lo.isBefore(range.below())) {
            return range;
        }
        Backfill rest = range.below(lo);
        LOG.warn("{}: the fresh window starts at {}, below the backfill range's bound {}; the range now ends there",
                table, lo, range.below());
        return rest;
    }

    /**
     * The plan after a batch that was cut below where this window would start: read on from the cut, to the new
     * bound. Every version after the cut that any batch delivered is in the previous manifest's
     * {@code recentVersions} (a cut extract lists them whatever their stamp), so the lake is not asked. A late commit
     * the overlap would catch is stamped at or after the normal start, so after the cut: it is read too. A cut at or
     * above the normal start (more rows stamped in the last minutes than a batch holds) needs nothing special: the
     * normal window covers it, and the versions before it are among those remembered.
     */
    private WindowPlan continuation(String table, ContinueAfter cut, LocalDateTime hi, LocalDateTime remember) {
        LocalDateTime start = cut.lastUpdated();
        if (start != null && !start.isBefore(hi)) {
            throw new BadInputException(table + ": the source clock reads " + hi + ", no later than where the"
                    + " previous batch stopped (" + start + "); the next run, once the clock has passed it, reads on");
        }
        LocalDateTime complete = cut.wholeStampsFrom();
        LocalDateTime recentFrom = complete == null || remember.isAfter(complete) ? remember
                : complete.isAfter(hi) ? hi : complete;
        return new WindowPlan(new ExtractionWindow(start, hi), start, recentFrom, cut.id() == null ? null : cut);
    }

    /**
     * The instant the previous run's bound was read: the bound as a reading of the previous manifest's zone, at the
     * instant nearest that run's start. If the bound is no reading near it, the earlier of the run's start (a
     * moment before its snapshot) and that instant, so that the window is if anything wider.
     */
    private Instant previousSnapshot(IngestionManifest manifest, TableExtract extract) {
        WallClock previousClock = new WallClock(zone(manifest.sourceTimeZone()).orElse(clock.zone()));
        Instant started = manifest.startedAt();
        if (started == null) {
            // no start recorded (a manifest made by hand): the earliest instant the bound can name
            return extract.windowHi().atZone(previousClock.zone()).withEarlierOffsetAtOverlap().toInstant();
        }
        Optional<Instant> reading = previousClock.instantOf(extract.windowHi(), started);
        if (reading.isPresent() && Duration.between(reading.get(), started).abs().compareTo(SAME_RUN) <= 0) {
            return reading.get();
        }
        LOG.warn("{}: the previous bound {} is no reading of zone {} near that run's start {}; the window is"
                        + " reckoned from the earlier of the two", extract.table(), extract.windowHi(),
                manifest.sourceTimeZone(), started);
        return reading.filter(r -> r.isBefore(started)).orElse(started);
    }

    private static Optional<ZoneId> zone(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
