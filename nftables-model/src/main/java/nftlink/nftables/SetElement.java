package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Expressions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * One element of a set or map at kernel level.
 *
 * @param key         the key bytes (empty for the catch-all element)
 * @param keyEnd      the end of a range in a concatenated-range set, or {@code null}
 * @param data        map data (value or verdict), or {@code null}
 * @param objectRef   name of the object an object map maps to, or {@code null}
 * @param flags       {@code NFT_SET_ELEM_INTERVAL_END}, {@code NFT_SET_ELEM_CATCHALL}
 * @param timeout     element timeout in milliseconds, or 0
 * @param expiration  milliseconds left until it expires (in listings), or 0
 * @param userdata    nft's userdata TLVs (comments), or {@code null}
 * @param expressions stateful expressions of the element (e.g. its counter)
 */
public record SetElement(Bytes key, Bytes keyEnd, NftData data, String objectRef, int flags, long timeout,
                         long expiration, byte[] userdata, List<Expression> expressions) {

    public SetElement {
        Objects.requireNonNull(key, "key");
        userdata = userdata == null ? null : userdata.clone();
        expressions = List.copyOf(expressions);
    }

    /** An element with just a key. */
    public static SetElement of(Bytes key) {
        return new SetElement(key, null, null, null, 0, 0, 0, null, List.of());
    }

    /** A map element. */
    public static SetElement of(Bytes key, NftData data) {
        return new SetElement(key, null, data, null, 0, 0, 0, null, List.of());
    }

    /** The element that closes an interval (the first key past its end). */
    public static SetElement intervalEnd(Bytes key) {
        return new SetElement(key, null, null, null, NFT_SET_ELEM_INTERVAL_END, 0, 0, null, List.of());
    }

    public SetElement withTimeout(long millis) {
        return new SetElement(key, keyEnd, data, objectRef, flags, millis, expiration, userdata, expressions);
    }

    public SetElement withComment(String comment) {
        return new SetElement(key, keyEnd, data, objectRef, flags, timeout, expiration,
                comment == null ? null : Userdata.comment(comment), expressions);
    }

    /**
     * This element marked as the start of an interval that runs to the end of the key space, as nft
     * marks it (its flags after any comment in the userdata).
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

    public SetElement withKeyEnd(Bytes end) {
        return new SetElement(key, end, data, objectRef, flags, timeout, expiration, userdata, expressions);
    }

    @Override
    public byte[] userdata() {
        return userdata == null ? null : userdata.clone();
    }

    /** The comment, or {@code null}. */
    public String comment() {
        return userdata == null ? null : Userdata.findComment(userdata);
    }

    /** Writes one {@code NFTA_LIST_ELEM} of {@code NFTA_SET_ELEM_LIST_ELEMENTS}. */
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
        if (flags != 0) {
            w.attrU32Be(NFTA_SET_ELEM_FLAGS, flags);
        }
        if (timeout != 0) {
            w.attrU64Be(NFTA_SET_ELEM_TIMEOUT, timeout);
        }
        if (expiration != 0) {
            w.attrU64Be(NFTA_SET_ELEM_EXPIRATION, expiration);
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

    /** Decodes one {@code NFTA_LIST_ELEM} of an element list. */
    public static SetElement decode(Attribute element) {
        Bytes key = null;
        Bytes keyEnd = null;
        NftData data = null;
        String objectRef = null;
        int flags = 0;
        long timeout = 0;
        long expiration = 0;
        byte[] userdata = null;
        List<Expression> expressions = new ArrayList<>(0);
        for (Attribute a : element.nested()) {
            switch (a.type()) {
                case NFTA_SET_ELEM_KEY -> key = valueOf(a);
                case NFTA_SET_ELEM_KEY_END -> keyEnd = valueOf(a);
                case NFTA_SET_ELEM_DATA -> data = NftData.decode(a);
                case NFTA_SET_ELEM_OBJREF -> objectRef = a.string();
                case NFTA_SET_ELEM_FLAGS -> flags = a.u32Be();
                case NFTA_SET_ELEM_TIMEOUT -> timeout = a.u64Be();
                case NFTA_SET_ELEM_EXPIRATION -> expiration = a.u64Be();
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

    /** libnftnl's rendering: {@code element 00001600  : accept 0 [end]}. */
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
                && timeout == e.timeout && expiration == e.expiration && Arrays.equals(userdata, e.userdata)
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
