package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.bench.hotpaths.CopyCalls;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.ParquetRowGroups;
import com.terrifictotes.etl.manifest.DataFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The hot-paths benchmark's door to the package-private {@link BinaryCopyEncoder} and {@link CopyBuffer}. In the
 * bench module only.
 */
public final class BinaryCopyAccess {
    /** {@code FileCopy}'s buffer. */
    public static final int COPY_BUFFER_BYTES = FileCopy.COPY_BUFFER_BYTES;

    private BinaryCopyAccess() {
    }

    /**
     * The whole binary COPY of one processed file, as the loader's {@code FileCopy} writes it for batch 1 (a fact's
     * rows end with {@code etl_batch}; its surrogate keys are left to the column's default).
     */
    public static byte[] encode(S3Client s3, String bucket, DataFile file, WarehouseTable table) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProcessedZone zone = new ProcessedZone(s3, bucket);
        try (ParquetRowGroups reader = zone.open(file, table)) {
            FileCopy.write(reader, BinaryCopyEncoder.forBatch(table, 1),
                    table.isFact() ? new FactKeys(table) : FactKeys.ofDimension(table),
                    new CopyBuffer(bytes, COPY_BUFFER_BYTES), zone.uri(file.key()));
        }
        return bytes.toByteArray();
    }

    /** Makes {@code calls} on a {@link CopyBuffer} in front of {@code out}, as the encoder makes them; flushes. */
    public static void replay(CopyCalls calls, OutputStream out) throws IOException {
        CopyBuffer buffer = new CopyBuffer(out, COPY_BUFFER_BYTES);
        byte[] kinds = calls.kinds();
        long[] values = calls.values();
        ByteBuffer[] texts = calls.texts();
        int text = 0;
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case CopyCalls.INT16 -> buffer.writeInt16((int) values[i]);
                case CopyCalls.INT32 -> buffer.writeInt32((int) values[i]);
                case CopyCalls.INT64 -> buffer.writeInt64(values[i]);
                case CopyCalls.BYTE -> buffer.writeByte((int) values[i]);
                default -> buffer.writeBytes(texts[text++]);
            }
        }
        buffer.flush();
    }
}
