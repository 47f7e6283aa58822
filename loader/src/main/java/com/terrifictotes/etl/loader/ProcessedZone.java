package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.LakeFormat;
import com.terrifictotes.etl.lake.ParquetRowGroups;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.runtime.ManifestSearch;
import com.terrifictotes.etl.s3.Sha256;
import com.terrifictotes.etl.s3.StoredState;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The loader's view of the processed bucket: finding the next manifest, reading and checking it, and opening its
 * Parquet files. Every failure names the object ({@code s3://bucket/key}) and what is wrong with it.
 */
final class ProcessedZone {
    private final S3Client s3;
    private final WriteOnceBucket bucket;
    private final ManifestSearch manifests;

    ProcessedZone(S3Client s3, String bucketName) {
        this.s3 = s3;
        this.bucket = new WriteOnceBucket(s3, bucketName);
        this.manifests = ManifestSearch.processed(bucket);
    }

    String uri(String key) {
        return bucket.uri(key);
    }

    String bucketName() {
        return bucket.name();
    }

    /**
     * The object's bytes, or empty if no object has that key. Read with checksum mode, as every whole read of the lake
     * is: bytes changed on the way fail the read as a storage fault a retry gets past, instead of reaching the
     * ledger's SHA-256 comparison as a manifest "re-published with other content".
     */
    Optional<byte[]> readIfExists(String key) {
        return bucket.readIfExists(key);
    }

    /** The operator's decision that the loader skip this batch ({@code ./pipeline quarantine-batch}), if there is one. */
    Optional<OperatorDecision> loadDecision(long sequence) {
        String key = BucketLayout.decisionKey(OperatorDecision.STAGE_LOAD, sequence);
        return readIfExists(key).map(json -> ManifestJson.readDecision(uri(key), json));
    }

    /** Every processed manifest above {@code sequence}, oldest first, with when it was written. */
    List<ManifestSearch.Listed> manifestsAfter(long sequence) {
        return manifests.after(sequence);
    }

    /** Whether any processed manifest exists below {@code sequence}. */
    boolean anyManifestBefore(long sequence) {
        return manifests.anyBefore(sequence);
    }

    /** The key of the first processed manifest with a sequence above {@code sequence}, if any exists yet. */
    Optional<String> firstManifestAfter(long sequence) {
        return manifests.firstAfter(sequence).map(ManifestSearch.Listed::key);
    }

    /**
     * Reads a manifest and checks it names its own sequence, a schema version this loader loads and only known
     * tables. Version 1 batches load as they are: their files are those of version 2 less etl_rejected_row.
     */
    ProcessedBatch read(String key) {
        return read(key, bucket.readAllBytes(key));
    }

    ProcessedBatch read(String key, byte[] json) {
        long sequence = BucketLayout.processedSequence(key)
                .orElseThrow(() -> new IllegalArgumentException(key + " is not a processed manifest key"));
        ProcessedManifest manifest = ManifestJson.readProcessed(uri(key), json);
        if (manifest.sequence() != sequence) {
            throw new BadInputException("manifest " + uri(key) + " says sequence " + manifest.sequence()
                    + " but its key says " + sequence);
        }
        if (manifest.schemaVersion() < WarehouseCatalogue.OLDEST_LOADABLE_SCHEMA_VERSION
                || manifest.schemaVersion() > WarehouseCatalogue.SCHEMA_VERSION) {
            throw new BadInputException("manifest " + uri(key) + " is for warehouse schema version "
                    + manifest.schemaVersion() + " but this loader loads versions "
                    + WarehouseCatalogue.OLDEST_LOADABLE_SCHEMA_VERSION + " to " + WarehouseCatalogue.SCHEMA_VERSION);
        }
        if (!LakeFormat.isKnown(manifest.lakeFormat())) {
            throw new BadInputException("manifest " + uri(key) + " was written in lake format " + manifest.lakeFormat()
                    + ", newer than this loader reads (" + LakeFormat.V1.number() + " to " + LakeFormat.CURRENT.number()
                    + "): deploy the loader of the transformer's release");
        }
        Set<String> seen = new HashSet<>();
        for (TableOutput output : manifest.tables()) {
            if (WarehouseCatalogue.find(output.table()).isEmpty()) {
                throw new BadInputException("manifest " + uri(key) + " names table '" + output.table()
                        + "', which is not a warehouse table");
            }
            if (!seen.add(output.table())) {
                throw new BadInputException("manifest " + uri(key) + " lists table " + output.table() + " twice");
            }
        }
        return new ProcessedBatch(key, sequence, Sha256.hex(json), manifest);
    }

    /**
     * Checks that every file the manifest names is the object it committed, before any transaction starts, without
     * reading it: one HEAD with checksum mode must show the recorded size (a truncated object gets a plain message)
     * and the recorded full-object CRC32C, which S3 validated when the bytes were uploaded (so a replaced object is
     * refused, whatever checksum it carries of its own). The bytes themselves are then proven as they are loaded, by
     * every Parquet page's CRC ({@code ParquetRowGroups}): corruption fails the batch before its commit, naming the
     * file. A file of an older manifest (SHA-256) has no stored checksum to compare: it is read through a SHA-256.
     */
    void verify(ProcessedBatch batch) {
        for (DataFile file : batch.allFiles()) {
            StoredState stored = stored(batch, file);
            if (stored.bytes() != file.bytes()) {
                throw new BadInputException(uri(file.key()) + " has " + stored.bytes() + " bytes but manifest "
                        + uri(batch.key()) + " records " + file.bytes() + " (truncated or replaced)");
            }
            Checksum actual = stored.checksum(file.checksum().algorithm())
                    .orElseGet(() -> file.checksum().algorithm() == Checksum.Algorithm.CRC32C ? null
                            : bucket.checksumOf(file.key(), file.checksum().algorithm()));
            if (!file.checksum().equals(actual)) {
                throw new BadInputException(uri(file.key()) + (actual == null ? " is stored with no full-object CRC32C"
                        : " has " + actual) + " but manifest " + uri(batch.key()) + " records " + file.checksum()
                        + " (corrupt or replaced)");
            }
        }
    }

    /**
     * Reads every file through its manifest's checksum algorithm: the operator's deep check ({@code status --deep},
     * {@code verify}), which finds bytes corrupted at rest under an intact stored checksum without loading anything.
     */
    void verifyContent(ProcessedBatch batch) {
        for (DataFile file : batch.allFiles()) {
            Checksum read = bucket.checksumOf(file.key(), file.checksum().algorithm());
            if (!read.equals(file.checksum())) {
                throw new BadInputException(uri(file.key()) + " reads as " + read + " but manifest "
                        + uri(batch.key()) + " records " + file.checksum() + " (corrupt at rest)");
            }
        }
    }

    /** The size check of {@link #verify} alone: one HEAD. */
    void verifySize(ProcessedBatch batch, DataFile file) {
        long size = size(batch, file);
        if (size != file.bytes()) {
            throw new BadInputException(uri(file.key()) + " has " + size + " bytes but manifest "
                    + uri(batch.key()) + " records " + file.bytes() + " (truncated or replaced)");
        }
    }

    /**
     * Opens one file for streaming, after checking its schema is the table's and its footer's row count. Its length
     * is the manifest's, which {@link #verify} checked against S3 before the batch's transaction began.
     */
    ParquetRowGroups open(DataFile file, WarehouseTable table) {
        ParquetRowGroups reader = ParquetRowGroups.open(s3, bucket, file.key(), file.bytes(), AvroSchemas.of(table));
        if (reader.rowCount() != file.rows()) {
            reader.close();
            throw new BadInputException(uri(file.key()) + " holds " + reader.rowCount()
                    + " rows but the manifest records " + file.rows());
        }
        return reader;
    }

    private StoredState stored(ProcessedBatch batch, DataFile file) {
        try {
            return bucket.stored(file.key());
        } catch (StorageException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                throw new StorageException(uri(file.key()) + ", named by manifest " + uri(batch.key())
                        + ", does not exist", e);
            }
            throw e;
        }
    }

    private long size(ProcessedBatch batch, DataFile file) {
        try {
            return s3.headObject(b -> b.bucket(bucket.name()).key(file.key())).contentLength();
        } catch (NoSuchKeyException e) {
            throw new StorageException(uri(file.key()) + ", named by manifest " + uri(batch.key())
                    + ", does not exist", e);
        } catch (SdkException e) {
            throw new StorageException("cannot inspect " + uri(file.key()) + ": " + e.getMessage(), e);
        }
    }

}
