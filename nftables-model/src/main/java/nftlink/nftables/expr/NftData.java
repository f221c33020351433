package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.NFTA_DATA_VALUE;
import static nftlink.nftables.NfTablesUapi.NFTA_DATA_VERDICT;

/**
 * Register data as {@code struct nft_data} carries it: a value or a verdict
 * ({@code NFTA_DATA_VALUE} or {@code NFTA_DATA_VERDICT}).
 */
public sealed interface NftData {

    /**
     * A value of bytes.
     *
     * @param bytes the bytes
     */
    record Value(Bytes bytes) implements NftData {
        /** Checks the component: {@code bytes} must not be null. */
        public Value {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * A verdict.
     *
     * @param verdict the verdict
     */
    record OfVerdict(Verdict verdict) implements NftData {
        /** Checks the component: {@code verdict} must not be null. */
        public OfVerdict {
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * A value of bytes.
     *
     * @param bytes the bytes
     * @return the data
     */
    static NftData of(Bytes bytes) {
        return new Value(bytes);
    }

    /**
     * A verdict.
     *
     * @param verdict the verdict
     * @return the data
     */
    static NftData of(Verdict verdict) {
        return new OfVerdict(verdict);
    }

    /**
     * Writes the data as a nested attribute of type {@code attributeType}.
     *
     * @param w the writer
     * @param attributeType the attribute type, such as {@code NFTA_CMP_DATA}
     */
    default void write(MessageWriter w, int attributeType) {
        switch (this) {
            case Value v -> writeValue(w, attributeType, v.bytes());
            case OfVerdict v -> {
                int nest = w.beginNested(attributeType, false);
                v.verdict().writeVerdict(w);
                w.endNested(nest);
            }
        }
    }

    /**
     * Writes {@code bytes} as a value nested in an attribute of type {@code attributeType}, allocating
     * nothing.
     *
     * @param w the writer
     * @param attributeType the attribute type, such as {@code NFTA_CMP_DATA}
     * @param bytes the value
     */
    static void writeValue(MessageWriter w, int attributeType, Bytes bytes) {
        int nest = w.beginNested(attributeType, false);
        bytes.writeAttribute(w, NFTA_DATA_VALUE);
        w.endNested(nest);
    }

    /**
     * Decodes a nested data attribute.
     *
     * @param data the attribute
     * @return the data
     */
    static NftData decode(Attribute data) {
        NftData result = null;
        for (Attribute a : data.nested()) {
            if (result != null) {
                throw new NetlinkDecodeException("data attribute holds more than one value");
            }
            result = switch (a.type()) {
                case NFTA_DATA_VALUE -> new Value(Bytes.of(a.bytes()));
                case NFTA_DATA_VERDICT -> new OfVerdict(Verdict.decode(a));
                default -> throw new NetlinkDecodeException("data: unexpected attribute " + a.type());
            };
        }
        if (result == null) {
            throw new NetlinkDecodeException("empty data attribute");
        }
        return result;
    }

    /**
     * Decodes a nested data attribute that must hold a value.
     *
     * @param data the attribute
     * @return the value
     */
    static Bytes decodeValue(Attribute data) {
        if (decode(data) instanceof Value v) {
            return v.bytes();
        }
        throw new NetlinkDecodeException("expected a value, found a verdict");
    }

    /**
     * libnftnl's rendering: words for a value, the keyword for a verdict.
     *
     * @param sb where the text is appended
     */
    default void appendDebug(StringBuilder sb) {
        switch (this) {
            case Value v -> v.bytes().appendWords(sb, true);
            case OfVerdict v -> v.verdict().appendDebug(sb);
        }
    }
}
