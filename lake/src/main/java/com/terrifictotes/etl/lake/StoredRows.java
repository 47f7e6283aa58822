package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.ContentChecksum;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a Parquet object already stored under a key holds the rows a writer meant to store there, when its
 * bytes differ: the case of a batch half-published by one release and completed by another whose Parquet library
 * writes other bytes (its version is in every footer's {@code created_by}). The stored object is decoded (any lake
 * format of the table) and its rows written again, in order, by this release's writer with the same settings, into
 * nothing but a checksum of the same kind as the write's (CRC32C): the same schema and rows give exactly the bytes
 * this run wrote, anything else does not. Only a key found taken pays for this; writing costs nothing extra.
 */
final class StoredRows {
    private static final Logger LOG = LoggerFactory.getLogger(StoredRows.class);

    private StoredRows() {
    }

    static boolean holdsRows(WriteOnceBucket bucket, String key, Schema schema, ParquetSettings settings,
                             Checksum ours) {
        String location = bucket.uri(key);
        ContentChecksum digest = ours.algorithm().start();
        long rows = 0;
        String createdBy;
        try (ParquetTableReader reader = ParquetTableReader.open(bucket.client(), bucket, key, schema);
             TableFileWriter again = ParquetTableWriter.parquetWriter(new DigestFile(digest), schema,
                     settings)) {
            for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                again.write(TableRow.of(row));
                rows++;
            }
            createdBy = reader.createdBy();
        } catch (BadInputException e) {
            LOG.warn("{} differs from what this run wrote and cannot be read as table {}: {}", location,
                    schema.getName(), e.getMessage());
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the rows of " + location + " again", e);
        }
        if (!digest.result().equals(ours)) {
            LOG.warn("{} holds other rows than this run wrote ({} stored)", location, rows);
            return false;
        }
        LOG.info("{} already holds the same {} rows in other bytes, written by '{}' (an earlier run of this batch, "
                + "interrupted before its manifest): kept, and the manifest records the stored object", location,
                rows, createdBy);
        return true;
    }

    /** An {@link OutputFile} whose bytes go into a digest and nowhere else. */
    private static final class DigestFile implements OutputFile {
        private final ContentChecksum digest;

        DigestFile(ContentChecksum digest) {
            this.digest = digest;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) {
                    digest.update(b);
                    position++;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    digest.update(bytes, offset, length);
                    position += length;
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "(digest)";
        }
    }
}
