package com.terrifictotes.etl.testbed.expected;

/** A value set aside: the batch that met it, its table, row key and column, and the batch that superseded it. */
final class Rejection {
    final long batch;
    final String table;
    final String id;
    final String column;
    Long supersededIn;

    Rejection(long batch, String table, String id, String column) {
        this.batch = batch;
        this.table = table;
        this.id = id;
        this.column = column;
    }

    String textRow() {
        return WarehouseFromSource.TableRows.textRow(new String[] {Long.toString(batch), table, id, column,
                supersededIn == null ? null : supersededIn.toString()});
    }
}
