package com.terrifictotes.etl.transformer;

import java.io.InputStream;
import java.util.function.Supplier;

/**
 * The hot-paths benchmark's door to the package-private {@link CsvRecordReader}: the same class the transformer
 * runs, not a copy, so that what is measured is what ships. In the bench module only.
 */
public final class CsvRecordReaderAccess {
    private CsvRecordReaderAccess() {
    }

    /** The reader's records one by one (null at the end), as {@code IngestedTables} reads them. */
    public static Supplier<String[]> open(InputStream in, String location) {
        return new CsvRecordReader(in, location)::next;
    }
}
