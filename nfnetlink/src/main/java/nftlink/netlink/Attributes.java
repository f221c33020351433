package nftlink.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import static nftlink.netlink.Netlink.NLA_HDRLEN;

/**
 * A validated sequence of attributes. Parsing checks every length against the
 * enclosing bounds before anything is read, so a malformed buffer fails here
 * with a {@link NetlinkDecodeException} and never later.
 */
public final class Attributes implements Iterable<Attribute> {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final Attributes EMPTY = new Attributes(List.of());

    private final List<Attribute> attributes;

    private Attributes(List<Attribute> attributes) {
        this.attributes = attributes;
    }

    /** No attributes. */
    public static Attributes empty() {
        return EMPTY;
    }

    /** Parses the attributes in {@code length} bytes of {@code segment} from {@code offset}. */
    public static Attributes parse(MemorySegment segment, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > segment.byteSize()) {
            throw new NetlinkDecodeException("attribute range " + offset + "+" + length
                    + " lies outside a buffer of " + segment.byteSize() + " bytes");
        }
        if (length == 0) {
            return EMPTY;
        }
        List<Attribute> list = new ArrayList<>();
        long position = offset;
        long end = offset + length;
        while (end - position >= NLA_HDRLEN) {
            int attrLength = segment.get(U16, position) & 0xffff;
            int rawType = segment.get(U16, position + 2) & 0xffff;
            if (attrLength < NLA_HDRLEN) {
                throw new NetlinkDecodeException("attribute at offset " + (position - offset) + " has length "
                        + attrLength + ", less than its own header");
            }
            if (attrLength > end - position) {
                throw new NetlinkDecodeException("attribute type " + (rawType & Netlink.NLA_TYPE_MASK) + " at offset "
                        + (position - offset) + " claims " + attrLength + " bytes but only " + (end - position) + " remain");
            }
            list.add(new Attribute(segment, position + NLA_HDRLEN, attrLength - NLA_HDRLEN, rawType));
            position += Netlink.align(attrLength);
        }
        if (position < end) {
            throw new NetlinkDecodeException((end - position) + " trailing bytes after the last attribute");
        }
        return new Attributes(Collections.unmodifiableList(list));
    }

    /** Parses a whole segment as attributes. */
    public static Attributes parse(MemorySegment segment) {
        return parse(segment, 0, segment.byteSize());
    }

    /** Parses a byte array as attributes. */
    public static Attributes parse(byte[] bytes) {
        return parse(MemorySegment.ofArray(bytes));
    }

    /** The first attribute of {@code type}, or {@code null}. */
    public Attribute find(int type) {
        for (Attribute a : attributes) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    /** The first attribute of {@code type}; {@code what} names it in the exception when missing. */
    public Attribute require(int type, String what) {
        Attribute a = find(type);
        if (a == null) {
            throw new NetlinkDecodeException("missing attribute " + what + " (type " + type + ")");
        }
        return a;
    }

    /** All attributes, in wire order. */
    public List<Attribute> list() {
        return attributes;
    }

    public int size() {
        return attributes.size();
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    @Override
    public Iterator<Attribute> iterator() {
        return attributes.iterator();
    }
}
