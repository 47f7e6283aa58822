package com.terrifictotes.etl.extractor;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The row versions of one table the lake already holds in a stamp range, read back from the published extracts: the
 * memory a window needs where it starts below what the latest manifest vouches for (a longer overlap, a zone further
 * west, a source clock that went back further than foreseen). Rare, so reading CSV back is an acceptable price.
 *
 * <p>Manifests are read newest first. A manifest whose {@code recentFrom} is at or below the range's start knows
 * every version delivered up to it in the range, so its {@code recentVersions} end the search; the files of every
 * newer manifest whose window meets the range, or that may hold rows of a backfill range below its window (the
 * manifest before it left the table unfinished), are read. A table's first window, or a manifest written before
 * {@code recentFrom} existed whose window lies below the range (such bounds never went back), ends it too.
 */
final class LakeVersions {
    private static final Logger LOG = LoggerFactory.getLogger(LakeVersions.class);

    private final WriteOnceBucket bucket;
    private final ManifestLog manifests;

    LakeVersions(WriteOnceBucket bucket, ManifestLog manifests) {
        this.bucket = bucket;
        this.manifests = manifests;
    }

    /** The versions of {@code table} delivered with {@code from <= last_updated < to}, by {@code latest} or before. */
    List<RowVersion> delivered(SourceTable table, IngestionManifest latest, LocalDateTime from, LocalDateTime to) {
        List<RowVersion> found = new ArrayList<>();
        int manifestsRead = 0;
        int filesRead = 0;
        Optional<IngestionManifest> current = Optional.of(latest);
        while (current.isPresent()) {
            IngestionManifest manifest = current.get();
            manifestsRead++;
            Optional<TableExtract> extract = manifest.table(table.name());
            if (extract.isEmpty()) {
                break; // the table was not extracted yet
            }
            TableExtract e = extract.get();
            if (e.recentFrom() != null && !e.recentFrom().isAfter(from)) {
                e.recentVersions().stream().filter(v -> within(v.lastUpdated(), from, to)).forEach(found::add);
                break;
            }
            Optional<IngestionManifest> older = previous(manifest.sequence());
            if ((e.windowLo() == null || e.windowLo().isBefore(to)) && e.windowHi().isAfter(from)
                    || readBelowItsWindow(older, table)) {
                for (DataFile file : e.files()) {
                    readVersions(table, e, file, from, to, found);
                    filesRead++;
                }
                // versions rejected there are dealt with as well: re-reading them must not reject them again
                e.rejects().stream().map(RejectedValue::version).filter(v -> within(v.lastUpdated(), from, to))
                        .forEach(found::add);
            }
            if (e.windowLo() == null || (e.recentFrom() == null && !e.windowHi().isAfter(from))) {
                break;
            }
            current = older;
        }
        LOG.info("versions the lake holds below the vouched range read back", entry("table", table.name()),
                entry("from", Timestamps.format(from)), entry("to", Timestamps.format(to)),
                entry("manifests", manifestsRead), entry("files", filesRead), entry("versions", found.size()));
        return found;
    }

    /**
     * True if the batch after {@code older} may have read rows of {@code table} below its own window: {@code older}
     * left a backfill range, or cut the table (the next batch's backfill range begins at such a cut).
     */
    private static boolean readBelowItsWindow(Optional<IngestionManifest> older, SourceTable table) {
        return older.flatMap(m -> m.table(table.name())).map(TableExtract::isUnfinished).orElse(false);
    }

    private Optional<IngestionManifest> previous(long sequence) {
        for (long s = sequence - 1; s >= 1; s--) {
            Optional<IngestionManifest> manifest = manifests.read(s);
            if (manifest.isPresent()) {
                return manifest;
            }
        }
        return Optional.empty();
    }

    private void readVersions(SourceTable table, TableExtract extract, DataFile file, LocalDateTime from,
                              LocalDateTime to, List<RowVersion> found) {
        int key = extract.columns().indexOf(table.primaryKey());
        int cursor = extract.columns().indexOf(SourceTable.LAST_UPDATED);
        if (key < 0 || cursor < 0) {
            throw new BadInputException(bucket.uri(file.key()) + ": the extract of " + table.name()
                    + " lists no " + (key < 0 ? table.primaryKey() : SourceTable.LAST_UPDATED) + " column");
        }
        try (InputStream in = bucket.openChecked(file.key());
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = CsvDialect.FORMAT.builder().setSkipHeaderRecord(true).setHeader().get().parse(reader)) {
            for (CSVRecord record : parser) {
                String id = record.get(key);
                String lastUpdated = record.get(cursor);
                if (id == null || lastUpdated == null) {
                    throw new IllegalArgumentException("record " + record.getRecordNumber() + " has no version");
                }
                LocalDateTime stamp = Timestamps.parse(lastUpdated);
                if (within(stamp, from, to)) {
                    found.add(new RowVersion(Integer.parseInt(id), stamp));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot read " + bucket.uri(file.key()) + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            // checksum mode: the SDK checks the bytes read against S3's stored CRC32C as the stream ends; a version
            // read wrong would be delivered again or skipped, so the run fails and its retry reads the object anew
            throw new StorageException("cannot read " + bucket.uri(file.key()) + " back: " + e.getMessage(), e);
        } catch (DateTimeParseException | IllegalArgumentException | IllegalStateException
                 | IndexOutOfBoundsException e) {
            throw new BadInputException(bucket.uri(file.key()) + ": not a CSV extract of " + table.name()
                    + " whose versions can be read back: " + e.getMessage(), e);
        }
    }

    private static boolean within(LocalDateTime stamp, LocalDateTime from, LocalDateTime to) {
        return !stamp.isBefore(from) && stamp.isBefore(to);
    }
}
