package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code payload}: loads {@code length} bytes at {@code offset} of a packet header
 * into a register ({@link Load}) or writes a register into the packet, with
 * optional checksum update ({@link Write}).
 */
public sealed interface Payload extends Expression {

    /** The {@code payload} expression type: its kernel name, decoder and parser. */
    Expressions.ExpressionType TYPE = new Expressions.ExpressionType("payload", Payload::decode, Payload::parse);

    /** Which header {@code offset} counts from. */
    enum Base implements KernelEnum {
        /** The link-layer header ({@code NFT_PAYLOAD_LL_HEADER}). */
        LINK("link", NFT_PAYLOAD_LL_HEADER),
        /** The network header ({@code NFT_PAYLOAD_NETWORK_HEADER}). */
        NETWORK("network", NFT_PAYLOAD_NETWORK_HEADER),
        /** The transport header ({@code NFT_PAYLOAD_TRANSPORT_HEADER}). */
        TRANSPORT("transport", NFT_PAYLOAD_TRANSPORT_HEADER),
        /** The inner header, after the transport header ({@code NFT_PAYLOAD_INNER_HEADER}). */
        INNER("inner", NFT_PAYLOAD_INNER_HEADER),
        /** The tunnel header of an {@code inner} expression ({@code NFT_PAYLOAD_TUN_HEADER}). */
        TUNNEL("tunnel", NFT_PAYLOAD_TUN_HEADER);

        private final KernelName kernelName;

        Base(String text, int number) {
            kernelName = new KernelName(text, number);
        }

        /** libnftnl's name and the kernel's number of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /**
     * {@code payload load LEN b @ BASE header + OFFSET => reg DREG}.
     *
     * @param base the header the offset counts from
     * @param offset the offset in bytes
     * @param length the number of bytes
     * @param dreg the destination register
     */
    record Load(Base base, int offset, int length, int dreg) implements Payload {
        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_PAYLOAD_DREG, dreg);
            writePlace(w, base, offset, length);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("payload load ").append(length).append("b @ ").append(base.text()).append(" header + ")
                    .append(offset).append(" => reg ").append(dreg);
        }
    }

    /**
     * {@code payload write reg SREG => LEN b @ BASE header + OFFSET csum_type T csum_off O csum_flags 0xF}.
     *
     * @param checksumType   {@code NFT_PAYLOAD_CSUM_*}
     * @param checksumOffset where the checksum to fix up sits
     * @param checksumFlags  {@code NFT_PAYLOAD_L4CSUM_PSEUDOHDR} to update the layer-4 checksum too
     * @param base the header the offset counts from
     * @param offset the offset in bytes
     * @param length the number of bytes
     * @param sreg the source register
     */
    record Write(Base base, int offset, int length, int sreg, int checksumType, int checksumOffset,
                 int checksumFlags) implements Payload {
        @Override
        public void writeData(MessageWriter w) {
            w.attrU32Be(NFTA_PAYLOAD_SREG, sreg);
            writePlace(w, base, offset, length);
            w.attrU32Be(NFTA_PAYLOAD_CSUM_TYPE, checksumType);
            w.attrU32Be(NFTA_PAYLOAD_CSUM_OFFSET, checksumOffset);
            w.attrU32Be(NFTA_PAYLOAD_CSUM_FLAGS, checksumFlags);
        }

        @Override
        public void appendDebug(StringBuilder sb) {
            sb.append("payload write reg ").append(sreg).append(" => ").append(length).append("b @ ")
                    .append(base.text()).append(" header + ").append(offset)
                    .append(" csum_type ").append(checksumType).append(" csum_off ").append(checksumOffset)
                    .append(" csum_flags 0x").append(Integer.toHexString(checksumFlags));
        }
    }

    @Override
    default String name() {
        return "payload";
    }

    /** Writes where the bytes lie: the header, the offset in it and the length. */
    private static void writePlace(MessageWriter w, Base base, int offset, int length) {
        w.attrU32Be(NFTA_PAYLOAD_BASE, base.number());
        w.attrU32Be(NFTA_PAYLOAD_OFFSET, offset);
        w.attrU32Be(NFTA_PAYLOAD_LEN, length);
    }

    private static Payload decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_PAYLOAD_MAX);
        Base base = KernelEnum.byNumber(Base.class, tb.require(NFTA_PAYLOAD_BASE).u32Be());
        int offset = tb.require(NFTA_PAYLOAD_OFFSET).u32Be();
        int length = tb.require(NFTA_PAYLOAD_LEN).u32Be();
        if (tb.has(NFTA_PAYLOAD_DREG) == tb.has(NFTA_PAYLOAD_SREG)) {
            throw Expressions.missing("payload", "exactly one of dreg/sreg");
        }
        return tb.has(NFTA_PAYLOAD_DREG)
                ? new Load(base, offset, length, tb.require(NFTA_PAYLOAD_DREG).u32Be())
                : new Write(base, offset, length, tb.require(NFTA_PAYLOAD_SREG).u32Be(), tb.u32BeOr(NFTA_PAYLOAD_CSUM_TYPE, 0),
                        tb.u32BeOr(NFTA_PAYLOAD_CSUM_OFFSET, 0), tb.u32BeOr(NFTA_PAYLOAD_CSUM_FLAGS, 0));
    }

    private static Payload parse(DebugReader r) {
        if (r.accept("load")) {
            PayloadBytes bytes = PayloadBytes.read(r);
            int dreg = r.loadInto(bytes.length());
            return new Load(bytes.base(), bytes.offset(), bytes.length(), dreg);
        }
        r.expect("write");
        int sreg = r.register();
        r.expect("=>");
        PayloadBytes bytes = PayloadBytes.read(r);
        r.expect("csum_type");
        int type = r.nextInt();
        r.expect("csum_off");
        int off = r.nextInt();
        r.expect("csum_flags");
        int flags = (int) r.nextHex();
        return new Write(bytes.base(), bytes.offset(), bytes.length(), sreg, type, off, flags);
    }
}
