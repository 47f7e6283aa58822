package com.terrifictotes.etl.bench.hotpaths;

import com.terrifictotes.etl.bench.hotpaths.HotPath.Candidate;
import com.terrifictotes.etl.bench.hotpaths.HotPathInputs.CsvFile;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.transformer.CsvRecordReaderAccess;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The transformer's CSV reading: {@code CsvRecordReader} (as it runs now that S3 checks the CRC32C, and over a
 * SHA-256 digest stream, as it still reads the files of format-1 manifests) against commons-csv with the dialect's
 * format and FastCSV, each reading every record of the same bytes into a {@code String[]} with null for NULL.
 */
final class CsvPaths {
    private CsvPaths() {
    }

    static HotPath build(HotPathInputs inputs) {
        List<CsvFile> files = inputs.csv();
        String check = check(files);
        return new HotPath("CSV reading (transformer)", HotPath.MEGABYTES_PER_SECOND, inputs.csvBytes(), List.of(
                new Candidate("CsvRecordReader", () -> readAll(files, CsvPaths::ours)),
                new Candidate("CsvRecordReader, SHA-256 of the bytes", () -> readAll(files, CsvPaths::oursSha256)),
                new Candidate("commons-csv " + version(CSVFormat.class), () -> readAll(files, CsvPaths::commonsCsv)),
                new Candidate("FastCSV " + version(CsvReader.class), () -> readAll(files, CsvPaths::fastCsv))),
                check);
    }

    /** Every library reads every file exactly as ours does, record by record; else the benchmark stops. */
    private static String check(List<CsvFile> files) {
        long records = 0;
        for (CsvFile file : files) {
            Supplier<String[]> ours = ours(file);
            Supplier<String[]> commons = commonsCsv(file);
            Supplier<String[]> fast = fastCsv(file);
            for (String[] record = ours.get(); ; record = ours.get()) {
                requireEqual(file, records, record, commons.get(), "commons-csv");
                requireEqual(file, records, record, fast.get(), "FastCSV");
                if (record == null) {
                    break;
                }
                records++;
            }
        }
        return String.format("equal on %,d records", records);
    }

    private static void requireEqual(CsvFile file, long index, String[] ours, String[] theirs, String library) {
        if (!Arrays.equals(ours, theirs)) {
            throw new IllegalStateException(library + " reads record " + index + " of " + file.key() + " as "
                    + Arrays.toString(theirs) + ", CsvRecordReader as " + Arrays.toString(ours));
        }
    }

    private static long readAll(List<CsvFile> files, Function<CsvFile, Supplier<String[]>> reader) {
        long fields = 0;
        for (CsvFile file : files) {
            Supplier<String[]> records = reader.apply(file);
            for (String[] record = records.get(); record != null; record = records.get()) {
                fields += record.length;
            }
        }
        return fields;
    }

    private static Supplier<String[]> ours(CsvFile file) {
        return CsvRecordReaderAccess.open(new ByteArrayInputStream(file.bytes()), file.key());
    }

    private static Supplier<String[]> oursSha256(CsvFile file) {
        try {
            return CsvRecordReaderAccess.open(new DigestInputStream(new ByteArrayInputStream(file.bytes()),
                    MessageDigest.getInstance("SHA-256")), file.key());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** As the transformer read the CSV before {@code CsvRecordReader}: the dialect's format over a UTF-8 reader. */
    private static Supplier<String[]> commonsCsv(CsvFile file) {
        try {
            CSVParser parser = CSVParser.parse(new InputStreamReader(new ByteArrayInputStream(file.bytes()),
                    StandardCharsets.UTF_8), CsvDialect.FORMAT);
            Iterator<CSVRecord> records = parser.iterator();
            return () -> records.hasNext() ? records.next().values() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Supplier<String[]> fastCsv(CsvFile file) {
        Iterator<String[]> records = CsvReader.builder().build(new FastCsvRecords(),
                new ByteArrayInputStream(file.bytes()), StandardCharsets.UTF_8).iterator();
        return () -> records.hasNext() ? records.next() : null;
    }

    /** The library's version from its jar's manifest (FastCSV states it only as an OSGi bundle version). */
    private static String version(Class<?> library) {
        String version = library.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (JarFile jar = new JarFile(Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toFile())) {
            return Objects.requireNonNullElse(jar.getManifest().getMainAttributes().getValue("Bundle-Version"), "");
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "";
        }
    }
}
