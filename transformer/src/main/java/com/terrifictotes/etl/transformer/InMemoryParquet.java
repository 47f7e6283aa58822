package com.terrifictotes.etl.transformer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet file held in a byte array: for priming the writer and reader classes without touching the network. */
final class InMemoryParquet implements OutputFile, InputFile {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new DelegatingPositionOutputStream(bytes) {
            @Override
            public long getPos() {
                return bytes.size();
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        bytes.reset();
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
    public long getLength() {
        return bytes.size();
    }

    @Override
    public SeekableInputStream newStream() {
        byte[] content = bytes.toByteArray();
        ByteArrayInputStream in = new ByteArrayInputStream(content);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() {
                return content.length - in.available();
            }

            @Override
            public void seek(long newPos) {
                in.reset(); // back to the start: the stream was never marked elsewhere
                in.skip(newPos);
            }
        };
    }
}
