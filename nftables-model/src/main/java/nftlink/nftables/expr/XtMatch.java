package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.Attribute;
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
        String match = null;
        Integer revision = null;
        Bytes info = null;
        for (Attribute a : attributes) {
            switch (a.type()) {
                case NFTA_MATCH_NAME -> match = a.string();
                case NFTA_MATCH_REV -> revision = a.u32Be();
                case NFTA_MATCH_INFO -> info = Bytes.of(a.bytes());
                default -> throw Expressions.unexpected("match", a);
            }
        }
        if (match == null || revision == null || info == null) {
            throw Expressions.missing("match", "name, rev and info");
        }
        return new XtMatch(match, revision, info);
    }

    /** The text does not hold the info bytes: they parse as empty. */
    private static XtMatch parse(DebugReader r) {
        r.expect("name");
        String match = r.next();
        r.expect("rev");
        return new XtMatch(match, DebugText.u32(r), Bytes.empty());
    }
}
