package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code reject}: drops the packet and answers with an ICMP error or a TCP reset.
 *
 * @param type {@code NFT_REJECT_ICMP_UNREACH}, {@code NFT_REJECT_TCP_RST} or {@code NFT_REJECT_ICMPX_UNREACH}
 * @param code the ICMP (or, for icmpx, {@code NFT_REJECT_ICMPX_*}) code, or {@code null} when absent
 *             (the kernel lists none for a TCP reset; libnftnl then prints 0)
 */
public record Reject(int type, Integer code) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("reject", Reject::decode, Reject::parse);

    /** Checks the component: a one-byte code, if given. */
    public Reject {
        if (code != null && (code < 0 || code > 255)) {
            throw new IllegalArgumentException("reject code is one byte: " + code);
        }
    }

    @Override
    public String name() {
        return "reject";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_REJECT_TYPE, type);
        if (code != null) {
            w.attrU8(NFTA_REJECT_ICMP_CODE, code);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("reject type ").append(Integer.toUnsignedString(type)).append(" code ").append(code == null ? 0 : code);
    }

    private static Reject decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_REJECT_MAX);
        return new Reject(tb.require(NFTA_REJECT_TYPE).u32Be(), tb.u8(NFTA_REJECT_ICMP_CODE));
    }

    private static Reject parse(DebugReader r) {
        r.expect("type");
        int type = DebugText.u32(r);
        r.expect("code");
        int code = DebugText.u32(r);
        if (code > 255) {
            throw r.error("reject code is one byte: " + code);
        }
        return new Reject(type, code);
    }
}
