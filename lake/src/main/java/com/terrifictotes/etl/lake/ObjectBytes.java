package com.terrifictotes.etl.lake;

import java.io.ByteArrayInputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over an object already fetched whole: a small file costs one GET (with the object's
 * checksum checked) instead of one per seek (the footer's length, the footer, the row groups).
 */
final class ObjectBytes implements InputFile {
    private final String location;
    private final byte[] bytes;

    ObjectBytes(String location, byte[] bytes) {
        this.location = location;
        this.bytes = bytes;
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
        Positioned in = new Positioned(bytes);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() {
                return in.position();
            }

            @Override
            public void seek(long newPos) {
                in.seek(newPos);
            }
        };
    }

    @Override
    public String toString() {
        return location;
    }

    /** A ByteArrayInputStream that tells and moves its position. */
    private static final class Positioned extends ByteArrayInputStream {
        Positioned(byte[] bytes) {
            super(bytes);
        }

        long position() {
            return pos;
        }

        void seek(long newPos) {
            if (newPos < 0 || newPos > count) {
                throw new IllegalArgumentException("seek to " + newPos + " outside " + count + " bytes");
            }
            pos = (int) newPos;
        }
    }
}
