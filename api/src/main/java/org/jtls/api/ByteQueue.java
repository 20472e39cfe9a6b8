package org.jtls.api;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.ToIntFunction;

/** A growable FIFO of bytes: a socket's read and write buffers. Not thread-safe. */
final class ByteQueue {
    private byte[] bytes = new byte[4096];
    private int start;
    private int end;

    int size() {
        return end - start;
    }

    void append(byte[] data, int offset, int length) {
        ensureRoom(length);
        System.arraycopy(data, offset, bytes, end, length);
        end += length;
    }

    /** Puts {@code value} back in front, as the next byte to read. */
    void prepend(byte value) {
        if (start == 0) {
            ensureRoom(1);
            System.arraycopy(bytes, start, bytes, start + 1, size());
            end++;
        } else {
            start--;
        }
        bytes[start] = value;
    }

    /** Copies up to {@code length} bytes out and removes them; returns how many. */
    /**
     * Lets {@code producer} write up to {@code length} bytes straight into the queue (no copy
     * through a temporary array); returns how many it wrote.
     */
    int appendFrom(int length, ToIntFunction<ByteBuffer> producer) {
        ensureRoom(length);
        int written = producer.applyAsInt(ByteBuffer.wrap(bytes, end, length));
        if (written > 0) {
            end += written;
        }
        return written;
    }

    /** The queued bytes as a buffer over the queue's own array, for a consumer that must not change them; follow with {@link #skip}. */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes, start, size());
    }

    /** Drops the first {@code count} queued bytes. */
    void skip(int count) {
        if (count < 0 || count > size()) {
            throw new IllegalArgumentException("cannot skip " + count + " of " + size() + " bytes");
        }
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    int read(byte[] destination, int offset, int length) {
        int count = Math.min(length, size());
        System.arraycopy(bytes, start, destination, offset, count);
        start += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return count;
    }

    byte[] read(int maxLength) {
        byte[] out = new byte[Math.min(maxLength, size())];
        read(out, 0, out.length);
        return out;
    }

    byte[] readAll() {
        return read(size());
    }

    /** Up to {@code maxLength} bytes without removing them. */
    byte[] peek(int maxLength) {
        return Arrays.copyOfRange(bytes, start, start + Math.min(maxLength, size()));
    }

    /** The position of the first {@code value} from the front, or -1. */
    int indexOf(byte value) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == value) {
                return i - start;
            }
        }
        return -1;
    }

    void clear() {
        start = 0;
        end = 0;
    }

    private void ensureRoom(int length) {
        if (bytes.length - end >= length) {
            return;
        }
        int size = size();
        if (bytes.length - size >= length && start > 0) {
            System.arraycopy(bytes, start, bytes, 0, size);
        } else {
            long wanted = Math.max((long) bytes.length * 2, (long) size + length);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("buffer would exceed 2 GiB");
            }
            byte[] larger = new byte[(int) wanted];
            System.arraycopy(bytes, start, larger, 0, size);
            bytes = larger;
        }
        start = 0;
        end = size;
    }
}
