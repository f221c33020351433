package nftlink.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static nftlink.netlink.Netlink.NLA_F_NESTED;
import static nftlink.netlink.Netlink.NLA_HDRLEN;
import static nftlink.netlink.Netlink.NLA_TYPE_MASK;
import static nftlink.netlink.Netlink.NLMSG_HDRLEN;

/**
 * Where an attribute sits in a message: the chain of attributes, outermost
 * first, that contain a byte offset. Used to map the offset of an extended
 * acknowledgement ({@code NLMSGERR_ATTR_OFFS}) back to the attribute the caller
 * wrote.
 *
 * @param steps outermost first; empty when the offset is not inside any attribute
 */
public record AttributePath(List<Step> steps) {

    /**
     * One level of the path.
     *
     * @param type  the attribute type, without flag bits
     * @param index the attribute's position among its siblings, from 0
     */
    public record Step(int type, int index) {
    }

    /** Copies the steps, which must not be null. */
    public AttributePath {
        steps = List.copyOf(steps);
    }

    /**
     * Locates {@code offset} (counted from the start of the message header, as the
     * kernel reports it) within the message at {@code messageOffset} of
     * {@code buffer}. Descends into attributes that carry {@code NLA_F_NESTED} or whose value parses as attributes.
     *
     * @param buffer the request buffer
     * @param messageOffset the message's offset in {@code buffer}
     * @param familyHeaderLength the family header's length in bytes
     * @param offset the offset the kernel reported
     * @return the path; empty when the offset is in no attribute
     */
    public static AttributePath locate(MemorySegment buffer, long messageOffset, int familyHeaderLength, long offset) {
        List<Step> steps = new ArrayList<>();
        if (messageOffset < 0 || messageOffset + NLMSG_HDRLEN > buffer.byteSize()) {
            return new AttributePath(steps);
        }
        long messageLength = buffer.get(ValueLayout.JAVA_INT_UNALIGNED, messageOffset) & 0xffffffffL;
        long start = messageOffset + NLMSG_HDRLEN + Netlink.align(familyHeaderLength);
        long end = Math.min(messageOffset + messageLength, buffer.byteSize());
        long target = messageOffset + offset;
        while (true) {
            Step found = null;
            long index = 0;
            long position = start;
            while (end - position >= NLA_HDRLEN) {
                int length = buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, position) & 0xffff;
                int rawType = buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, position + 2) & 0xffff;
                if (length < NLA_HDRLEN || length > end - position) {
                    return new AttributePath(steps);
                }
                if (target >= position && target < position + length) {
                    found = new Step(rawType & NLA_TYPE_MASK, (int) index);
                    steps.add(found);
                    if (target >= position + NLA_HDRLEN && ((rawType & NLA_F_NESTED) != 0
                            || parsesAsAttributes(buffer, position + NLA_HDRLEN, position + length))) {
                        start = position + NLA_HDRLEN;
                        end = position + length;
                    } else {
                        return new AttributePath(steps);
                    }
                    break;
                }
                position += Netlink.align(length);
                index++;
            }
            if (found == null) {
                return new AttributePath(steps);
            }
        }
    }

    /** Whether {@code [start, end)} is a well-formed attribute sequence (a nest written without the flag). */
    private static boolean parsesAsAttributes(MemorySegment buffer, long start, long end) {
        long position = start;
        while (end - position >= NLA_HDRLEN) {
            int length = buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, position) & 0xffff;
            if (length < NLA_HDRLEN || length > end - position) {
                return false;
            }
            position += Netlink.align(length);
        }
        return position >= end && end > start;
    }

    /**
     * Whether the offset was not inside any attribute.
     *
     * @return whether the path is empty
     */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * The attribute types along the path, outermost first.
     *
     * @return the types
     */
    public int[] types() {
        return steps.stream().mapToInt(Step::type).toArray();
    }

    @Override
    public String toString() {
        return steps.stream().map(s -> "type " + s.type() + " (#" + s.index() + ")").collect(Collectors.joining(" > "));
    }
}
