package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code synproxy}: answers TCP SYNs itself and opens the connection to the server
 * only after the handshake completed. Each part is {@code null} when absent; the
 * kernel always lists all three.
 *
 * @param mss    the maximum segment size announced (16 bits)
 * @param wscale the window scale announced (8 bits)
 * @param flags  {@code NF_SYNPROXY_OPT_*} (timestamp, sack-perm, ...)
 */
public record Synproxy(Integer mss, Integer wscale, Integer flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("synproxy", Synproxy::decode, Synproxy::parse);

    /** Checks the components: a 16-bit MSS and 8-bit window scale, if given. */
    public Synproxy {
        if (mss != null && (mss < 0 || mss > 0xffff) || wscale != null && (wscale < 0 || wscale > 0xff)) {
            throw new IllegalArgumentException("synproxy mss is 16 bits and wscale 8 bits");
        }
    }

    @Override
    public String name() {
        return "synproxy";
    }

    @Override
    public void writeData(MessageWriter w) {
        if (mss != null) {
            w.attrU16Be(NFTA_SYNPROXY_MSS, mss);
        }
        if (wscale != null) {
            w.attrU8(NFTA_SYNPROXY_WSCALE, wscale);
        }
        if (flags != null) {
            w.attrU32Be(NFTA_SYNPROXY_FLAGS, flags);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("synproxy");
        if (mss != null && wscale != null) {
            sb.append(" mss ").append(mss).append(" wscale ").append(wscale);
        }
    }

    private static Synproxy decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_SYNPROXY_MAX);
        return new Synproxy(tb.u16Be(NFTA_SYNPROXY_MSS), tb.u8(NFTA_SYNPROXY_WSCALE), tb.u32Be(NFTA_SYNPROXY_FLAGS));
    }

    private static Synproxy parse(DebugReader r) {
        if (!r.accept("mss")) {
            return new Synproxy(null, null, null);
        }
        int mss = DebugText.u32(r);
        r.expect("wscale");
        int wscale = DebugText.u32(r);
        try {
            return new Synproxy(mss, wscale, null);
        } catch (IllegalArgumentException e) {
            throw r.error(e.getMessage());
        }
    }
}
