package nftlink.cgroup;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what {@code read(2)} returns from an inotify descriptor: a sequence of
 * {@code struct inotify_event} (four native-order 32-bit fields, then
 * {@code len} bytes of NUL-padded name). Every length is checked against the
 * bytes actually read.
 */
public final class InotifyEvents {

    /** {@code sizeof(struct inotify_event)} without the name. */
    public static final int HEADER_SIZE = 16;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private InotifyEvents() {
    }

    /**
     * Decodes the first {@code length} bytes of {@code buffer}.
     *
     * @param buffer the bytes read from the inotify descriptor
     * @param length the number of bytes read
     * @return the events, in order
     * @throws CgroupDecodeException when an event is truncated or its name is not NUL-terminated
     * @throws IllegalArgumentException when {@code length} lies outside the buffer
     */
    public static List<InotifyEvent> parse(MemorySegment buffer, long length) {
        if (length < 0 || length > buffer.byteSize()) {
            throw new IllegalArgumentException("length " + length + " outside a buffer of " + buffer.byteSize() + " bytes");
        }
        List<InotifyEvent> events = new ArrayList<>();
        long position = 0;
        while (position < length) {
            long remaining = length - position;
            if (remaining < HEADER_SIZE) {
                throw new CgroupDecodeException(remaining + " bytes left after the last inotify event, too few for a header");
            }
            int watch = buffer.get(INT, position);
            int mask = buffer.get(INT, position + 4);
            int cookie = buffer.get(INT, position + 8);
            long nameLength = Integer.toUnsignedLong(buffer.get(INT, position + 12));
            if (nameLength > remaining - HEADER_SIZE) {
                throw new CgroupDecodeException("inotify event at offset " + position + " has a " + nameLength
                        + "-byte name with only " + (remaining - HEADER_SIZE) + " bytes left");
            }
            String name = "";
            if (nameLength > 0) {
                long nameStart = position + HEADER_SIZE;
                long end = -1;
                for (long i = 0; i < nameLength; i++) {
                    if (buffer.get(ValueLayout.JAVA_BYTE, nameStart + i) == 0) {
                        end = i;
                        break;
                    }
                }
                if (end < 0) {
                    throw new CgroupDecodeException("inotify event at offset " + position + ": name is not NUL-terminated");
                }
                name = new String(buffer.asSlice(nameStart, end).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
            }
            events.add(new InotifyEvent(watch, mask, cookie, name));
            position += HEADER_SIZE + nameLength;
        }
        return events;
    }

    /**
     * Parses a byte array holding events.
     *
     * @param bytes the bytes
     * @return the events, in order
     */
    public static List<InotifyEvent> parse(byte[] bytes) {
        return parse(MemorySegment.ofArray(bytes), bytes.length);
    }

    /**
     * Encodes events as the kernel does (names NUL-padded to a multiple of 16
     * bytes), in native byte order: for tests and replay.
     *
     * @param events the events
     * @return the bytes
     */
    public static byte[] encode(List<InotifyEvent> events) {
        int size = 0;
        List<byte[]> names = new ArrayList<>(events.size());
        for (InotifyEvent e : events) {
            byte[] n = e.name().getBytes(StandardCharsets.UTF_8);
            names.add(n);
            size += HEADER_SIZE + paddedLength(n.length);
        }
        MemorySegment out = MemorySegment.ofArray(new byte[size]);
        long position = 0;
        for (int i = 0; i < events.size(); i++) {
            InotifyEvent e = events.get(i);
            byte[] n = names.get(i);
            int padded = paddedLength(n.length);
            out.set(INT, position, e.watch());
            out.set(INT, position + 4, e.mask());
            out.set(INT, position + 8, e.cookie());
            out.set(INT, position + 12, padded);
            MemorySegment.copy(n, 0, out, ValueLayout.JAVA_BYTE, position + HEADER_SIZE, n.length);
            position += HEADER_SIZE + padded;
        }
        return out.toArray(ValueLayout.JAVA_BYTE);
    }

    private static int paddedLength(int nameBytes) {
        return nameBytes == 0 ? 0 : (nameBytes + 1 + 15) / 16 * 16;
    }
}
