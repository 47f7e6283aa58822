package com.terrifictotes.etl.lake;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How Parquet files are written. The row group is what a writer buffers in memory before flushing, so it bounds the
 * writer's heap; 32 MiB keeps a Lambda well inside 512 MB while leaving row groups large enough for scans.
 */
public record ParquetSettings(CompressionCodecName codec, int rowGroupBytes, int pageBytes) {
    public static final ParquetSettings DEFAULT = new ParquetSettings(CompressionCodecName.ZSTD, 32 << 20, 1 << 20);
}
