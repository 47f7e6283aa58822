package com.terrifictotes.etl.testbed.source;

import com.terrifictotes.etl.catalogue.SourceTable;
import java.util.ArrayList;
import java.util.List;

/** Rows for one source table, each value in the catalogue's column order. */
final class TableRows {
    private final SourceTable table;
    private final List<Object[]> rows = new ArrayList<>();

    TableRows(SourceTable table) {
        this.table = table;
    }

    SourceTable table() {
        return table;
    }

    List<Object[]> rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    void add(Object... values) {
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException(table.name() + " has " + table.columns().size() + " columns, row has "
                    + values.length);
        }
        rows.add(values);
    }
}
