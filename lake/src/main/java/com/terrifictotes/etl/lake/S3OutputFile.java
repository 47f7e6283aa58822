package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.s3.WriteOnceUpload;
import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} that streams into a write-once S3 upload: no local file, memory bounded by the
 * upload's part buffer plus the writer's row group.
 */
final class S3OutputFile implements OutputFile {
    private final WriteOnceUpload upload;

    S3OutputFile(WriteOnceUpload upload) {
        this.upload = upload;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new UploadStream(upload);
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
        return upload.key();
    }

    /** Closing the Parquet stream does not publish the object: {@link ParquetTableWriter} decides that. */
    private static final class UploadStream extends PositionOutputStream {
        private final WriteOnceUpload upload;

        UploadStream(WriteOnceUpload upload) {
            this.upload = upload;
        }

        @Override
        public long getPos() {
            return upload.size();
        }

        @Override
        public void write(int b) {
            upload.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            upload.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            // published by ParquetTableWriter.close(), after the footer is written
        }
    }
}
