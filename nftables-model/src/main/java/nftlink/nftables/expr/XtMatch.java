package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code match}: an xtables match run through nft_compat, as iptables-nft writes
 * them for what has no native nftables form ({@code -m conntrack}, {@code -m
 * comment}, {@code -m multiport}, ...). The match's own structure is kept as
 * opaque bytes, exactly as received.
 *
 * @param match    the xtables match name, e.g. {@code conntrack}
 * @param revision the match revision
 * @param info     the match's {@code struct xt_*_info}, padded as the kernel lists it
 */
public record XtMatch(String match, int revision, Bytes info) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("match", XtMatch::decode, XtMatch::parse);

    /** Checks the components: neither may be null. */
    public XtMatch {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(info, "info");
    }

    @Override
    public String name() {
        return "match";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrString(NFTA_MATCH_NAME, match);
        w.attrU32Be(NFTA_MATCH_REV, revision);
        w.attrBytes(NFTA_MATCH_INFO, info.toArray());
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("match name ").append(match).append(" rev ").append(Integer.toUnsignedString(revision));
    }

    private static XtMatch decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_MATCH_MAX);
        return new XtMatch(tb.require(NFTA_MATCH_NAME).string(), tb.require(NFTA_MATCH_REV).u32Be(),
                Bytes.of(tb.require(NFTA_MATCH_INFO).bytes()));
    }

    /** The text does not hold the info bytes: they parse as empty. */
    private static XtMatch parse(DebugReader r) {
        r.expect("name");
        String match = r.next();
        r.expect("rev");
        return new XtMatch(match, DebugText.u32(r), Bytes.empty());
    }
}
