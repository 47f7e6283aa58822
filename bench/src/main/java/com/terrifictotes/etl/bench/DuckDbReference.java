package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The transform's reference: DuckDB, a C++ engine, on one thread, converting the batch's CSV files to ZSTD Parquet
 * (one file per table, types sniffed from the data). It reads local copies of the very objects the transformer
 * reads; the download is not timed. It does none of the transformer's joins, checks or history handling, so it is
 * a bound on the raw decode-and-encode work, not an equivalent program.
 */
final class DuckDbReference {
    private DuckDbReference() {
    }

    /** Downloads every CSV object of the batch to {@code directory/<table>/} (not timed). */
    static void download(WriteOnceBucket ingestion, IngestionManifest manifest, Path directory) throws IOException {
        for (TableExtract table : manifest.tables()) {
            Path tableDirectory = Files.createDirectories(directory.resolve(table.table()));
            for (DataFile file : table.files()) {
                Path target = tableDirectory.resolve(file.key().substring(file.key().lastIndexOf('/') + 1));
                try (InputStream in = ingestion.open(file.key())) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static Measurement measure(IngestionManifest manifest, Path csvDirectory, Path outputDirectory)
            throws SQLException, IOException {
        Files.createDirectories(outputDirectory);
        long rows = 0;
        long bytes = 0;
        long nanos;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement()) {
            statement.execute("SET threads = 1");
            long started = System.nanoTime();
            for (TableExtract table : manifest.tables()) {
                if (table.files().isEmpty()) {
                    continue;
                }
                statement.execute(copySql(files(csvDirectory.resolve(table.table())),
                        outputDirectory.resolve(table.table() + ".parquet")));
                rows += table.rows();
                bytes += table.bytes();
            }
            nanos = System.nanoTime() - started;
        }
        return Measurement.reference(rows, bytes, nanos);
    }

    private static List<Path> files(Path directory) throws IOException {
        try (var listing = Files.list(directory)) {
            return new ArrayList<>(listing.sorted().toList());
        }
    }

    /** Paths are the harness's own temporary files, quoted as SQL string literals. */
    private static String copySql(List<Path> inputs, Path output) {
        String list = inputs.stream().map(p -> literal(p.toString())).collect(Collectors.joining(", "));
        return "COPY (SELECT * FROM read_csv([" + list + "], header = true)) TO " + literal(output.toString())
                + " (FORMAT parquet, COMPRESSION zstd)";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
