package nftlink.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static nftlink.netlink.Netlink.NLA_HDRLEN;

/**
 * A validated sequence of attributes. Parsing checks every length against the
 * enclosing bounds before anything is read, so a malformed buffer fails here
 * with a {@link NetlinkDecodeException} and never later.
 */
public final class Attributes implements Iterable<Attribute> {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final Attribute[] NONE = new Attribute[0];
    private static final Attributes EMPTY = new Attributes(NONE);

    // exactly sized; never modified after parsing
    private final Attribute[] attributes;
    private List<Attribute> list;

    private Attributes(Attribute[] attributes) {
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
        // first pass: validate every header and count, so the array is allocated once at its size
        long position = offset;
        long end = offset + length;
        int count = 0;
        while (end - position >= NLA_HDRLEN) {
            int attrLength = segment.get(U16, position) & 0xffff;
            if (attrLength < NLA_HDRLEN) {
                throw new NetlinkDecodeException("attribute at offset " + (position - offset) + " has length "
                        + attrLength + ", less than its own header");
            }
            if (attrLength > end - position) {
                int rawType = segment.get(U16, position + 2) & 0xffff;
                throw new NetlinkDecodeException("attribute type " + (rawType & Netlink.NLA_TYPE_MASK) + " at offset "
                        + (position - offset) + " claims " + attrLength + " bytes but only " + (end - position) + " remain");
            }
            count++;
            position += Netlink.align(attrLength);
        }
        if (position < end) {
            throw new NetlinkDecodeException((end - position) + " trailing bytes after the last attribute");
        }
        Attribute[] array = new Attribute[count];
        position = offset;
        for (int i = 0; i < count; i++) {
            int attrLength = segment.get(U16, position) & 0xffff;
            int rawType = segment.get(U16, position + 2) & 0xffff;
            array[i] = new Attribute(segment, position + NLA_HDRLEN, attrLength - NLA_HDRLEN, rawType);
            position += Netlink.align(attrLength);
        }
        return new Attributes(array);
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

    /** All attributes, in wire order (an unmodifiable view). */
    public List<Attribute> list() {
        List<Attribute> l = list;
        if (l == null) {
            l = Collections.unmodifiableList(Arrays.asList(attributes));
            list = l;
        }
        return l;
    }

    /** The attribute at {@code index}, in wire order. */
    public Attribute get(int index) {
        return attributes[index];
    }

    public int size() {
        return attributes.length;
    }

    public boolean isEmpty() {
        return attributes.length == 0;
    }

    @Override
    public Iterator<Attribute> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < attributes.length;
            }

            @Override
            public Attribute next() {
                if (next >= attributes.length) {
                    throw new NoSuchElementException();
                }
                return attributes[next++];
            }
        };
    }
}
