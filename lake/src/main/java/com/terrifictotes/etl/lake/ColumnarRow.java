package com.terrifictotes.etl.lake;

/**
 * A row whose producer hands its values to the file's columns itself, by position and as Parquet's physical values,
 * with no object per value: for a producer that reads them as primitives (the transformer's columnar pass). The values
 * are those a {@link TableRow} of the same row would give through {@link TableFileWriter#write(TableRow)}, so either
 * way the file holds the same bytes; checking that is the producer's part, as building a right {@code TableRow} is.
 */
@FunctionalInterface
public interface ColumnarRow {
    /** Writes every column of the row, each exactly once, to {@code columns}. */
    void writeTo(RowColumns columns);

    /** The columns of the row being written; each method takes the column's position in the table's schema. */
    interface RowColumns {
        /** No value. @throws IllegalArgumentException if the column is NOT NULL (the file is then abandoned) */
        void writeNull(int column);

        /** An int column's value: an integer, a date's epoch day, a time's millisecond of the day. */
        void writeInt(int column, int value);

        /** A long column's value: a local timestamp's microseconds from 1970-01-01T00:00. */
        void writeLong(int column, long value);

        void writeBoolean(int column, boolean value);

        void writeText(int column, String value);

        /** A decimal column's value, as its unscaled value at the column's scale (12.30 at scale 2 is 1230). */
        void writeUnscaled(int column, long unscaled);
    }
}
