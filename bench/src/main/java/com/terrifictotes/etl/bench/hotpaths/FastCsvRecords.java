package com.terrifictotes.etl.bench.hotpaths;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;

/**
 * FastCSV's records as the dialect means them: an empty unquoted field is NULL, an empty quoted one is empty text
 * (FastCSV reports whether a field was quoted; its stock handlers do not keep that).
 */
final class FastCsvRecords extends AbstractBaseCsvCallbackHandler<String[]> {
    private String[] fields = new String[16];
    private int count;

    @Override
    protected void handleBegin(long startingLineNumber) {
        count = 0;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buffer, int offset, int length, boolean quoted) {
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, count * 2);
        }
        fields[count++] = length == 0 && !quoted ? null : new String(buffer, offset, length);
    }

    @Override
    protected String[] buildRecord() {
        return Arrays.copyOf(fields, count);
    }
}
