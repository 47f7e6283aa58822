package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a Parquet object already stored under a key holds the rows a writer meant to store there, when its
 * bytes differ: the case of a batch half-published by one release and completed by another whose Parquet library
 * writes other bytes (its version is in every footer's {@code created_by}). Schema (column names, and one of the lake
 * formats of the table) and decoded rows must agree; footer metadata beyond that is the library's, not ours.
 */
final class StoredRows {
    private static final Logger LOG = LoggerFactory.getLogger(StoredRows.class);

    private StoredRows() {
    }

    static boolean holdsRows(WriteOnceBucket bucket, String key, Schema schema, RowsDigest ours) {
        String location = bucket.uri(key);
        RowsDigest theirs = new RowsDigest(schema);
        String createdBy;
        try (ParquetTableReader reader = ParquetTableReader.open(bucket.client(), bucket, key, schema)) {
            for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                theirs.add(row);
            }
            createdBy = reader.createdBy();
        } catch (BadInputException e) {
            LOG.warn("{} differs from what this run wrote and cannot be read as table {}: {}", location,
                    schema.getName(), e.getMessage());
            return false;
        }
        if (!theirs.hex().equals(ours.hex())) {
            LOG.warn("{} holds other rows than this run wrote ({} stored, {} written)", location, theirs.rows(),
                    ours.rows());
            return false;
        }
        LOG.info("{} already holds the same {} rows in other bytes, written by '{}' (an earlier run of this batch, "
                + "interrupted before its manifest): kept, and the manifest records the stored object", location,
                theirs.rows(), createdBy);
        return true;
    }
}
