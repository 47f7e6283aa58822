package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.StoredState;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The transformer's checks on one pending ingestion batch, run without transforming it: what {@code ./pipeline status}
 * uses to say why the transformer is stuck on a batch. It reads the manifest as the transformer does (format, sequence,
 * known tables, columns it can map), checks that every CSV object has the size the manifest records and the stored
 * CRC32C it records (with {@code deep}, read back through that checksum), and that every state snapshot the batch
 * continues from still exists (an S3 expiry rule could have removed one). A row-level problem inside a CSV file is
 * found only by the transform itself; its log says which.
 */
public final class IngestionBatchInspection {
    private IngestionBatchInspection() {
    }

    /** What stops batch {@code sequence} from being transformed, as far as these checks see; empty if they pass. */
    public static List<String> problems(S3Client s3, TransformerSettings settings, long sequence,
                                        Optional<ProcessedManifest> previous, boolean deep) {
        WriteOnceBucket ingestion = new WriteOnceBucket(s3, settings.ingestionBucket());
        WriteOnceBucket processed = new WriteOnceBucket(s3, settings.processedBucket());
        List<String> problems = new ArrayList<>();
        String key = BucketLayout.ingestionManifestKey(sequence);
        try {
            IngestionManifest manifest = ManifestJson.readIngestion(ingestion.uri(key), ingestion.readAllBytes(key));
            for (TableExtract extract : manifest.tables()) {
                Optional<SourceTable> table = ToteSysCatalogue.find(extract.table());
                if (table.isEmpty()) {
                    problems.add(ingestion.uri(key) + " lists table " + extract.table()
                            + ", which the ToteSys catalogue does not know");
                    continue;
                }
                try {
                    ColumnMapping.of(table.get(), extract.columns(), ingestion.uri(key));
                } catch (EtlException e) {
                    problems.add(e.getMessage());
                }
                for (DataFile file : extract.files()) {
                    check(s3, ingestion, file, deep).ifPresent(problems::add);
                }
            }
        } catch (EtlException e) {
            problems.add(e.getMessage());
        }
        previous.ifPresent(p -> {
            for (TableOutput state : p.stateFiles()) {
                for (DataFile file : state.files()) {
                    check(s3, processed, file, false).map(problem -> "state snapshot " + problem
                            + " (batch " + sequence + " continues from it; an S3 expiry rule may have removed it)")
                            .ifPresent(problems::add);
                }
            }
        });
        return problems;
    }

    private static Optional<String> check(S3Client s3, WriteOnceBucket bucket, DataFile file, boolean deep) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket.name()).key(file.key()).checksumMode(ChecksumMode.ENABLED));
        } catch (NoSuchKeyException e) {
            return Optional.of(bucket.uri(file.key()) + " does not exist");
        } catch (SdkException e) {
            return Optional.of("cannot inspect " + bucket.uri(file.key()) + ": " + e.getMessage());
        }
        long size = head.contentLength();
        if (size != file.bytes()) {
            return Optional.of(bucket.uri(file.key()) + " has " + size + " bytes but its manifest records "
                    + file.bytes() + " (truncated or replaced)");
        }
        if (file.checksum().algorithm() == Checksum.Algorithm.CRC32C) {
            Optional<Checksum> stored = StoredState.fullObjectCrc32c(head.checksumCRC32C(), head.checksumType());
            if (!stored.equals(Optional.of(file.checksum()))) {
                return Optional.of(bucket.uri(file.key()) + " is stored with " + stored.map(Checksum::toString)
                        .orElse("no full-object CRC32C") + " but its manifest records " + file.checksum()
                        + " (replaced)");
            }
        }
        if (deep) {
            Checksum read = bucket.checksumOf(file.key(), file.checksum().algorithm());
            if (!read.equals(file.checksum())) {
                return Optional.of(bucket.uri(file.key()) + " reads as " + read + " but its manifest records "
                        + file.checksum() + " (corrupt or replaced)");
            }
        }
        return Optional.empty();
    }
}
