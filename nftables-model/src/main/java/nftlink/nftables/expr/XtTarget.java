package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code target}: an xtables target run through nft_compat, as iptables-nft writes
 * them for what has no native nftables form ({@code -j LOG}, {@code -j MASQUERADE},
 * {@code -j REJECT}, ...). The target's own structure is kept as
 * opaque bytes, exactly as received.
 *
 * @param target   the xtables target name, e.g. {@code LOG}
 * @param revision the target revision
 * @param info     the target's {@code struct xt_*_info}, padded as the kernel lists it
 */
public record XtTarget(String target, int revision, Bytes info) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("target", XtTarget::decode, XtTarget::parse);

    /** Checks the components: neither may be null. */
    public XtTarget {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(info, "info");
    }

    @Override
    public String name() {
        return "target";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrString(NFTA_TARGET_NAME, target);
        w.attrU32Be(NFTA_TARGET_REV, revision);
        w.attrBytes(NFTA_TARGET_INFO, info.toArray());
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("target name ").append(target).append(" rev ").append(Integer.toUnsignedString(revision));
    }

    private static XtTarget decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_TARGET_MAX);
        return new XtTarget(tb.require(NFTA_TARGET_NAME).string(), tb.require(NFTA_TARGET_REV).u32Be(),
                Bytes.of(tb.require(NFTA_TARGET_INFO).bytes()));
    }

    /** The text does not hold the info bytes: they parse as empty. */
    private static XtTarget parse(DebugReader r) {
        r.expect("name");
        String target = r.next();
        r.expect("rev");
        return new XtTarget(target, DebugText.u32(r), Bytes.empty());
    }
}
