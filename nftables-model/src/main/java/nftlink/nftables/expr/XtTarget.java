package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import nftlink.netlink.Attribute;
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
        String target = null;
        Integer revision = null;
        Bytes info = null;
        for (Attribute a : attributes) {
            switch (a.type()) {
                case NFTA_TARGET_NAME -> target = a.string();
                case NFTA_TARGET_REV -> revision = a.u32Be();
                case NFTA_TARGET_INFO -> info = Bytes.of(a.bytes());
                default -> throw Expressions.unexpected("target", a);
            }
        }
        if (target == null || revision == null || info == null) {
            throw Expressions.missing("target", "name, rev and info");
        }
        return new XtTarget(target, revision, info);
    }

    /** The text does not hold the info bytes: they parse as empty. */
    private static XtTarget parse(DebugReader r) {
        r.expect("name");
        String target = r.next();
        r.expect("rev");
        return new XtTarget(target, DebugText.u32(r), Bytes.empty());
    }
}
