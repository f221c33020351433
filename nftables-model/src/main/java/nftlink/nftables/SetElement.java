package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Expressions;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Intervals;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * One element of a set or map at kernel level.
 *
 * @param key         the key bytes (empty for the catch-all element)
 * @param keyEnd      the end of a range in a concatenated-range set, or {@code null}
 * @param data        map data (value or verdict), or {@code null}
 * @param objectRef   name of the object an object map maps to, or {@code null}
 * @param flags       {@code NFT_SET_ELEM_INTERVAL_END}, {@code NFT_SET_ELEM_CATCHALL}
 * @param timeout     element timeout ({@code NFTA_SET_ELEM_TIMEOUT}, milliseconds on the wire), or zero
 * @param expiration  time left until it expires (in listings), or zero
 * @param userdata    nft's userdata TLVs (comments), or {@code null}
 * @param expressions stateful expressions of the element (e.g. its counter)
 */
public record SetElement(Bytes key, Bytes keyEnd, NftData data, String objectRef, int flags, Duration timeout,
                         Duration expiration, byte[] userdata, List<Expression> expressions) {

    /** Copies the userdata and expressions; the numbers are kept as given, for lossless round trips. */
    public SetElement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(expiration, "expiration");
        userdata = userdata == null ? null : userdata.clone();
        expressions = List.copyOf(expressions);
    }

    /**
     * An element with just a key.
     *
     * @param key the key bytes
     * @return the element
     */
    public static SetElement of(Bytes key) {
        return new SetElement(key, null, null, null, 0, Duration.ZERO, Duration.ZERO, null, List.of());
    }

    /**
     * A map element.
     *
     * @param key  the key bytes
     * @param data the value or verdict it maps to
     * @return the element
     */
    public static SetElement of(Bytes key, NftData data) {
        return new SetElement(key, null, data, null, 0, Duration.ZERO, Duration.ZERO, null, List.of());
    }

    /**
     * An element of an {@code ipv4_addr} or {@code ipv6_addr} set.
     *
     * @param address the address (4 or 16 bytes)
     * @return the element
     */
    public static SetElement of(InetAddress address) {
        return of(Bytes.of(address));
    }

    /**
     * An element of an {@code inet_service} set: a port in network order.
     *
     * @param port 0 to 65535
     * @return the element
     * @throws IllegalArgumentException for a number that is no port
     */
    public static SetElement port(int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        return of(Bytes.u16Be(port));
    }

    /**
     * An element whose key is a value of {@code type} as nft writes it: {@code of(Datatype.MARK, "0x10")},
     * {@code of(Datatype.INET_SERVICE, "ssh")}, {@code of(Datatype.IFNAME, "eth0")}.
     *
     * @param type the set's key type, of fixed length; address literals only, no host names
     * @param text the value
     * @return the element
     * @throws IllegalArgumentException for text that is no value of {@code type}, or a type without a
     *                                  fixed length ({@link Datatype#INTEGER}: give its bytes to {@link #of(Bytes)})
     */
    public static SetElement of(Datatype type, String text) {
        if (type.length() == 0) {
            throw new IllegalArgumentException(type.nftName() + " has no fixed length; give the key's bytes");
        }
        return of(type.parse(text, type.length()));
    }

    /**
     * The elements an interval set takes for one address prefix: {@code prefix("10.0.0.0/8")}. As nft
     * writes them, an end marker at 0 closes the space below the prefix, the start element opens it and
     * an end marker at the first address past it closes it (a prefix that runs to the last address is
     * marked open instead). A plain address is a prefix of its full length.
     *
     * @param prefix an IPv4 or IPv6 address literal, with {@code /length} or without
     * @return the elements, in the order to add them
     * @throws IllegalArgumentException for no address literal, a length out of range, or host bits set
     *                                  below the prefix length
     */
    public static List<SetElement> prefix(String prefix) {
        int slash = prefix.indexOf('/');
        byte[] address = literal(slash < 0 ? prefix : prefix.substring(0, slash));
        int bits = address.length * 8;
        int length = bits;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(prefix.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("no prefix length in \"" + prefix + "\"", e);
            }
        }
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " is not in 0.." + bits);
        }
        BigInteger low = new BigInteger(1, address);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        if (low.and(hostMask).signum() != 0) {
            throw new IllegalArgumentException("\"" + prefix + "\" has bits set below its prefix length");
        }
        return range(low, low.or(hostMask), bits / 8);
    }

    /**
     * The elements an interval set takes for the addresses {@code first} to {@code last}, inclusive
     * (see {@link #prefix}).
     *
     * @param first the first address
     * @param last  the last address, of the same family, not before {@code first}
     * @return the elements, in the order to add them
     * @throws IllegalArgumentException for addresses of two families or in the wrong order
     */
    public static List<SetElement> range(InetAddress first, InetAddress last) {
        byte[] a = first.getAddress();
        byte[] b = last.getAddress();
        BigInteger low = new BigInteger(1, a);
        BigInteger high = new BigInteger(1, b);
        if (a.length != b.length || low.compareTo(high) > 0) {
            throw new IllegalArgumentException(first.getHostAddress() + " to " + last.getHostAddress()
                    + " is no range of one family");
        }
        return range(low, high, a.length);
    }

    /**
     * The elements an interval set of {@code inet_service} takes for the ports {@code first} to
     * {@code last}, inclusive, as {@code 1024-65535} (see {@link #prefix}).
     *
     * @param first the first port
     * @param last  the last port, not below {@code first}
     * @return the elements, in the order to add them
     * @throws IllegalArgumentException for numbers that are no ports or in the wrong order
     */
    public static List<SetElement> ports(int first, int last) {
        if (first < 0 || last > 0xffff || first > last) {
            throw new IllegalArgumentException("ports " + first + "-" + last + " are no range in 0..65535");
        }
        return range(BigInteger.valueOf(first), BigInteger.valueOf(last), 2);
    }

    private static List<SetElement> range(BigInteger low, BigInteger high, int length) {
        Intervals.Interval interval = new Intervals.Interval(low, high, of(Intervals.bytes(low, length)));
        return Intervals.elements(List.of(interval), length, true);
    }

    /** The address bytes of a literal; an IPv4-mapped IPv6 literal keeps its 16 bytes. */
    private static byte[] literal(String text) {
        byte[] address;
        try {
            address = InetAddress.ofLiteral(text).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is no IPv4 or IPv6 address", e);
        }
        if (address.length == 4 && text.indexOf(':') >= 0) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(address, 0, mapped, 12, 4);
            return mapped;
        }
        return address;
    }

    /**
     * The element that closes an interval (the first key past its end).
     *
     * @param key the first key past the interval
     * @return the end marker
     */
    public static SetElement intervalEnd(Bytes key) {
        return new SetElement(key, null, null, null, NFT_SET_ELEM_INTERVAL_END, Duration.ZERO, Duration.ZERO, null,
                List.of());
    }

    /**
     * This element with its own timeout, overriding the set's ({@code NFTA_SET_ELEM_TIMEOUT}).
     *
     * @param duration the timeout, in whole milliseconds; zero for the set's
     * @return the changed element
     * @throws IllegalArgumentException for a negative duration
     */
    public SetElement withTimeout(Duration duration) {
        return new SetElement(key, keyEnd, data, objectRef, flags, nonNegative("timeout", duration), expiration,
                userdata, expressions);
    }

    /**
     * This element with a time left until it expires, as {@code expires 30s} sets it (at most its timeout).
     *
     * @param duration the time left, in whole milliseconds; zero for its full timeout
     * @return the changed element
     * @throws IllegalArgumentException for a negative duration
     */
    public SetElement withExpiration(Duration duration) {
        return new SetElement(key, keyEnd, data, objectRef, flags, timeout, nonNegative("expiration", duration),
                userdata, expressions);
    }

    private static Duration nonNegative(String what, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " " + d + " is negative");
        }
        return Duration.ofMillis(d.toMillis());
    }

    /**
     * This element with a comment (in its userdata, where nft keeps it), or without one.
     *
     * @param comment the comment, or {@code null} for none
     * @return the changed element
     */
    public SetElement withComment(String comment) {
        return new SetElement(key, keyEnd, data, objectRef, flags, timeout, expiration,
                comment == null ? null : Userdata.comment(comment), expressions);
    }

    /**
     * This element marked as the start of an interval that runs to the end of the key space, as nft
     * marks it (its flags after any comment in the userdata).
     *
     * @return the changed element
     */
    public SetElement asOpenInterval() {
        byte[] open = Userdata.intervalOpen();
        byte[] all = open;
        if (userdata != null) {
            all = Arrays.copyOf(userdata, userdata.length + open.length);
            System.arraycopy(open, 0, all, userdata.length, open.length);
        }
        return new SetElement(key, keyEnd, data, objectRef, flags, timeout, expiration, all, expressions);
    }

    /**
     * This element with the end of its range, in a set of concatenated ranges ({@code NFTA_SET_ELEM_KEY_END}).
     *
     * @param end the last key of the range
     * @return the changed element
     */
    public SetElement withKeyEnd(Bytes end) {
        return new SetElement(key, end, data, objectRef, flags, timeout, expiration, userdata, expressions);
    }

    /**
     * nft's userdata TLVs (comments, interval flags), verbatim.
     *
     * @return a copy, or {@code null} when the element has none
     */
    @Override
    public byte[] userdata() {
        return userdata == null ? null : userdata.clone();
    }

    /**
     * The comment nft stored in the userdata.
     *
     * @return the comment, or empty
     */
    public Optional<String> comment() {
        return Optional.ofNullable(userdata == null ? null : Userdata.findComment(userdata));
    }

    /**
     * Whether this element closes an interval ({@code NFT_SET_ELEM_INTERVAL_END}).
     *
     * @return true for an end marker
     */
    public boolean isIntervalEnd() {
        return (flags & NFT_SET_ELEM_INTERVAL_END) != 0;
    }

    /**
     * Writes one {@code NFTA_LIST_ELEM} of {@code NFTA_SET_ELEM_LIST_ELEMENTS}.
     *
     * @param w the message being written
     */
    public void write(MessageWriter w) {
        int elem = w.beginNested(NFTA_LIST_ELEM, false);
        if ((flags & NFT_SET_ELEM_CATCHALL) == 0) {
            NftData.of(key).write(w, NFTA_SET_ELEM_KEY);
        }
        if (keyEnd != null) {
            NftData.of(keyEnd).write(w, NFTA_SET_ELEM_KEY_END);
        }
        if (data != null) {
            data.write(w, NFTA_SET_ELEM_DATA);
        }
        if (objectRef != null) {
            w.attrString(NFTA_SET_ELEM_OBJREF, objectRef);
        }
        w.attrU32BeUnlessZero(NFTA_SET_ELEM_FLAGS, flags);
        if (!timeout.isZero()) {
            w.attrU64Be(NFTA_SET_ELEM_TIMEOUT, timeout.toMillis());
        }
        if (!expiration.isZero()) {
            w.attrU64Be(NFTA_SET_ELEM_EXPIRATION, expiration.toMillis());
        }
        if (userdata != null) {
            w.attrBytes(NFTA_SET_ELEM_USERDATA, userdata);
        }
        if (expressions.size() == 1) {
            int e = w.beginNested(NFTA_SET_ELEM_EXPR, false);
            Expressions.writeElementBody(w, expressions.getFirst());
            w.endNested(e);
        } else if (expressions.size() > 1) {
            Expressions.write(w, NFTA_SET_ELEM_EXPRESSIONS, expressions);
        }
        w.endNested(elem);
    }

    /**
     * Decodes one {@code NFTA_LIST_ELEM} of an element list.
     *
     * @param element the attribute
     * @return the element
     * @throws NetlinkDecodeException when it is malformed or has no key (and is no catch-all)
     */
    public static SetElement decode(Attribute element) {
        Bytes key = null;
        Bytes keyEnd = null;
        NftData data = null;
        String objectRef = null;
        int flags = 0;
        Duration timeout = Duration.ZERO;
        Duration expiration = Duration.ZERO;
        byte[] userdata = null;
        List<Expression> expressions = new ArrayList<>(0);
        for (Attribute a : element.nested()) {
            switch (a.type()) {
                case NFTA_SET_ELEM_KEY -> key = valueOf(a);
                case NFTA_SET_ELEM_KEY_END -> keyEnd = valueOf(a);
                case NFTA_SET_ELEM_DATA -> data = NftData.decode(a);
                case NFTA_SET_ELEM_OBJREF -> objectRef = a.string();
                case NFTA_SET_ELEM_FLAGS -> flags = a.u32Be();
                case NFTA_SET_ELEM_TIMEOUT -> timeout = Duration.ofMillis(a.u64Be());
                case NFTA_SET_ELEM_EXPIRATION -> expiration = Duration.ofMillis(a.u64Be());
                case NFTA_SET_ELEM_USERDATA -> userdata = a.bytes();
                case NFTA_SET_ELEM_EXPR -> expressions.add(Expressions.decode(a));
                case NFTA_SET_ELEM_EXPRESSIONS -> expressions.addAll(Expressions.decodeList(a));
                case NFTA_SET_ELEM_PAD -> { }
                default -> throw new NetlinkDecodeException("set element: unexpected attribute " + a.type());
            }
        }
        if (key == null) {
            if ((flags & NFT_SET_ELEM_CATCHALL) == 0) {
                throw new NetlinkDecodeException("set element without NFTA_SET_ELEM_KEY");
            }
            key = Bytes.empty();
        }
        return new SetElement(key, keyEnd, data, objectRef, flags, timeout, expiration, userdata, expressions);
    }

    private static Bytes valueOf(Attribute a) {
        if (NftData.decode(a) instanceof NftData.Value v) {
            return v.bytes();
        }
        throw new NetlinkDecodeException("set element key is a verdict");
    }

    /**
     * libnftnl's rendering: {@code element 00001600  : accept 0 [end]}.
     *
     * @return the rendering
     */
    public String toDebugString() {
        StringBuilder sb = new StringBuilder("element ");
        appendWords(sb, key);
        if (keyEnd != null) {
            sb.append(" - ");
            appendWords(sb, keyEnd);
        }
        sb.append(" : ");
        if (data != null) {
            if (data instanceof NftData.Value v) {
                appendWords(sb, v.bytes());
            } else {
                data.appendDebug(sb);
                sb.append(' ');
            }
        }
        sb.append(Integer.toUnsignedString(flags)).append(" [end]");
        if (userdata != null) {
            sb.append("  userdata = { ");
            for (byte b : userdata) {
                int c = b & 0xff;
                if (c >= 0x20 && c < 0x7f) {
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\x%02x", c));
                }
            }
            sb.append(" }");
        }
        return sb.toString();
    }

    private static void appendWords(StringBuilder sb, Bytes bytes) {
        if (bytes.length() == 0) {
            return;
        }
        bytes.appendWords(sb, false);
        sb.append(' ');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetElement e && key.equals(e.key) && Objects.equals(keyEnd, e.keyEnd)
                && Objects.equals(data, e.data) && Objects.equals(objectRef, e.objectRef) && flags == e.flags
                && timeout.equals(e.timeout) && expiration.equals(e.expiration) && Arrays.equals(userdata, e.userdata)
                && expressions.equals(e.expressions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, keyEnd, data, flags);
    }

    @Override
    public String toString() {
        return toDebugString();
    }
}
