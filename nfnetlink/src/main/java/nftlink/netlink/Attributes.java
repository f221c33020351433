package nftlink.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
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
    /** struct nlattr read whole, in host order as netlink writes it. */
    private static final ValueLayout.OfInt HEADER = ValueLayout.JAVA_INT_UNALIGNED;
    /** Which half of {@link #HEADER} nla_len is: the low one on a little-endian host. */
    private static final int LENGTH_SHIFT = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0 : 16;
    private static final Attributes EMPTY = new Attributes(null, 0, new long[0]);

    private final MemorySegment segment;
    private final long base;
    /**
     * One validated header per attribute, packed: the value's offset from
     * {@code base} (high 32 bits), the raw type (16 bits), the value's length (16
     * bits). {@link Attribute} views are made when asked for, so a decoder that
     * reads an attribute and drops it lets the JIT avoid allocating the view.
     */
    private final long[] entries;
    private List<Attribute> list;

    private Attributes(MemorySegment segment, long base, long[] entries) {
        this.segment = segment;
        this.base = base;
        this.entries = entries;
    }

    /**
     * No attributes.
     *
     * @return an empty list
     */
    public static Attributes empty() {
        return EMPTY;
    }

    /**
     * Parses the attributes in {@code length} bytes of {@code segment} from {@code offset}.
     *
     * @param segment the segment holding the attributes
     * @param offset where the first attribute starts
     * @param length how many bytes hold attributes
     * @return the attributes
     */
    public static Attributes parse(MemorySegment segment, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > segment.byteSize()) {
            throw new NetlinkDecodeException("attribute range " + offset + "+" + length
                    + " lies outside a buffer of " + segment.byteSize() + " bytes");
        }
        if (length == 0) {
            return EMPTY;
        }
        if (length > Integer.MAX_VALUE) {
            throw new NetlinkDecodeException("attribute range of " + length + " bytes is longer than any netlink message");
        }
        // first pass: validate every header and count, so the array is allocated once at its size
        long position = offset;
        long end = offset + length;
        int count = 0;
        while (end - position >= NLA_HDRLEN) {
            int attrLength = segment.get(HEADER, position) >>> LENGTH_SHIFT & 0xffff;
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
        long[] entries = new long[count];
        position = offset;
        for (int i = 0; i < count; i++) {
            int header = segment.get(HEADER, position);
            int attrLength = header >>> LENGTH_SHIFT & 0xffff;
            int rawType = header >>> (16 - LENGTH_SHIFT) & 0xffff;
            entries[i] = (position + NLA_HDRLEN - offset) << 32 | (long) rawType << 16 | (attrLength - NLA_HDRLEN);
            position += Netlink.align(attrLength);
        }
        return new Attributes(segment, offset, entries);
    }

    /**
     * Parses a whole segment as attributes.
     *
     * @param segment the segment, all attributes
     * @return the attributes
     */
    public static Attributes parse(MemorySegment segment) {
        return parse(segment, 0, segment.byteSize());
    }

    /**
     * Parses a byte array as attributes.
     *
     * @param bytes the bytes, all attributes
     * @return the attributes
     */
    public static Attributes parse(byte[] bytes) {
        return parse(MemorySegment.ofArray(bytes));
    }

    private Attribute view(long entry) {
        return new Attribute(segment, base + (entry >>> 32), (int) entry & 0xffff, (int) (entry >>> 16) & 0xffff);
    }

    /**
     * The first attribute of {@code type}, or {@code null}.
     *
     * @param type the attribute type
     * @return the attribute, or {@code null}
     */
    public Attribute find(int type) {
        for (long e : entries) {
            if (((int) (e >>> 16) & Netlink.NLA_TYPE_MASK) == type) {
                return view(e);
            }
        }
        return null;
    }

    /**
     * The first attribute of {@code type}; {@code what} names it in the exception when missing.
     *
     * @param type the attribute type
     * @param what the attribute's name for the error message
     * @return the attribute
     */
    public Attribute require(int type, String what) {
        Attribute a = find(type);
        if (a == null) {
            throw new NetlinkDecodeException("missing attribute " + what + " (type " + type + ")");
        }
        return a;
    }

    /**
     * The attributes indexed by type, types 0 to {@code max} (as the kernel's
     * {@code nla_parse()} with {@code maxtype}): the last attribute of each type, an
     * attribute of a type above {@code max} left out. See {@link AttributeTable}.
     *
     * @param max the highest type to keep, usually the nest's {@code *_MAX} constant
     * @return the table
     * @throws IllegalArgumentException when {@code max} is negative or above {@code NLA_TYPE_MASK}
     */
    public AttributeTable byType(int max) {
        if (max < 0 || max > Netlink.NLA_TYPE_MASK) {
            throw new IllegalArgumentException("not an attribute type: " + max);
        }
        int[] slots = new int[max + 1];
        for (int i = 0; i < entries.length; i++) {
            int type = (int) (entries[i] >>> 16) & Netlink.NLA_TYPE_MASK;
            if (type <= max) {
                slots[type] = i + 1;
            }
        }
        return new AttributeTable(this, slots);
    }

    /**
     * All attributes, in wire order (an unmodifiable list).
     *
     * @return the attributes
     */
    public List<Attribute> list() {
        List<Attribute> l = list;
        if (l == null) {
            Attribute[] all = new Attribute[entries.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = view(entries[i]);
            }
            l = List.of(all);
            list = l;
        }
        return l;
    }

    /**
     * The attribute at {@code index}, in wire order (a new view on each call).
     *
     * @param index the index, from 0
     * @return the attribute
     */
    public Attribute get(int index) {
        return view(entries[index]);
    }

    /**
     * The number of attributes.
     *
     * @return the number of attributes
     */
    public int size() {
        return entries.length;
    }

    /**
     * Whether there are none.
     *
     * @return whether there are no attributes
     */
    public boolean isEmpty() {
        return entries.length == 0;
    }

    /** The attributes in wire order (a new view for each). */
    @Override
    public Iterator<Attribute> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < entries.length;
            }

            @Override
            public Attribute next() {
                if (next >= entries.length) {
                    throw new NoSuchElementException();
                }
                return view(entries[next++]);
            }
        };
    }
}
