package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: a source row from column/value pairs; columns not given are null. */
final class SourceRows {
    private SourceRows() {
    }

    static SourceRow row(SourceTable table, Object... pairs) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            given.put((String) pairs[i], pairs[i + 1]);
        }
        List<Object> values = new ArrayList<>();
        for (String column : table.columnNames()) {
            values.add(given.remove(column));
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(table.name() + " has no columns " + given.keySet());
        }
        return new SourceRow(table, values, "s3://test/" + table.name() + ".csv line " + (Arrays.hashCode(pairs) & 7));
    }
}
