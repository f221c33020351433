package nftlink.nftables;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * A rule at kernel level: its place (family, table, chain, handle) and its
 * expressions in order.
 *
 * @param family      address family of its table
 * @param table       table name
 * @param chain       chain name
 * @param handle      kernel handle, or 0 when not known (not yet committed)
 * @param position    handle of the rule it was placed relative to ({@code NFTA_RULE_POSITION}),
 *                    or 0; in listings, the handle of the previous rule
 * @param expressions the expressions, in order
 * @param comment     comment stored in userdata, or {@code null}
 * @param unknown     attributes the library does not interpret, kept for round trips
 */
public record Rule(Family family, String table, String chain, long handle, long position,
                   List<Expression> expressions, String comment, List<RawAttribute> unknown) {

    /** Checks the components: family not null, valid table and chain names; copies the expressions. */
    public Rule {
        Objects.requireNonNull(family, "family");
        ObjectNames.check("table", table);
        ObjectNames.check("chain", chain);
        expressions = List.copyOf(expressions);
        unknown = List.copyOf(unknown);
    }

    /**
     * A new rule with these expressions.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param expressions the rule's expressions, in order
     * @return the rule, without handle or position
     */
    public static Rule of(Family family, String table, String chain, List<? extends Expression> expressions) {
        return new Rule(family, table, chain, 0, 0, List.copyOf(expressions), null, List.of());
    }

    /**
     * This rule with another comment.
     *
     * @param newComment the comment, or {@code null} for none
     * @return the changed copy
     */
    public Rule withComment(String newComment) {
        return new Rule(family, table, chain, handle, position, expressions, newComment, unknown);
    }

    /**
     * This rule with another handle.
     *
     * @param newHandle the handle, 0 for none
     * @return the changed copy
     */
    public Rule withHandle(long newHandle) {
        return new Rule(family, table, chain, newHandle, position, expressions, comment, unknown);
    }

    /**
     * This rule with another position (the handle of the rule it goes after or before).
     *
     * @param newPosition the position, 0 for none
     * @return the changed copy
     */
    public Rule withPosition(long newPosition) {
        return new Rule(family, table, chain, handle, newPosition, expressions, comment, unknown);
    }

    /**
     * {@code family table chain}.
     *
     * @return the location
     */
    public String location() {
        return family.nftName() + " " + table + " " + chain;
    }

    /**
     * Writes the attributes of {@code NFT_MSG_NEWRULE} exactly as the kernel dumps
     * them: handle and position only when set.
     *
     * @param w the writer
     */
    public void writeAttributes(MessageWriter w) {
        writeTableAndChain(w, true, true);
        Expressions.write(w, NFTA_RULE_EXPRESSIONS, expressions);
        writeRest(w);
    }

    /**
     * Writes the attributes of an {@code NFT_MSG_NEWRULE} request, leaving out the
     * handle or the position even when set (adding needs no handle; replacing no
     * position), with expression names as {@link Expressions#writeRequest} writes
     * them. Allocates nothing.
     *
     * @param w the writer
     * @param withHandle whether to write the handle
     * @param withPosition whether to write the position
     */
    public void writeAttributes(MessageWriter w, boolean withHandle, boolean withPosition) {
        writeTableAndChain(w, withHandle, withPosition);
        Expressions.writeRequest(w, NFTA_RULE_EXPRESSIONS, expressions);
        writeRest(w);
    }

    /**
     * Writes the attributes of an {@code NFT_MSG_NEWRULE} request for the anonymous chain added with ID
     * {@code chainId} in the same transaction ({@code NFTA_RULE_CHAIN_ID} in place of the chain's name).
     *
     * @param w the writer
     * @param chainId the anonymous chain's transaction ID
     */
    public void writeBoundAttributes(MessageWriter w, int chainId) {
        w.attrString(NFTA_RULE_TABLE, table);
        w.attrU32Be(NFTA_RULE_CHAIN_ID, chainId);
        Expressions.writeRequest(w, NFTA_RULE_EXPRESSIONS, expressions);
        writeRest(w);
    }

    private void writeTableAndChain(MessageWriter w, boolean withHandle, boolean withPosition) {
        w.attrString(NFTA_RULE_TABLE, table);
        w.attrString(NFTA_RULE_CHAIN, chain);
        if (withHandle && handle != 0) {
            w.attrU64Be(NFTA_RULE_HANDLE, handle);
        }
        if (withPosition && position != 0) {
            w.attrU64Be(NFTA_RULE_POSITION, position);
        }
    }

    private void writeRest(MessageWriter w) {
        if (comment != null) {
            w.attrBytes(NFTA_RULE_USERDATA, Userdata.comment(comment));
        }
        for (RawAttribute a : unknown) {
            a.write(w);
        }
    }

    /**
     * Decodes an {@code NFT_MSG_NEWRULE} message (a dump entry or an echo).
     *
     * @param message the message
     * @return the rule
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static Rule decode(NetlinkMessage message) {
        Family family = Family.ofMessage(message);
        String table = null;
        String chain = null;
        long handle = 0;
        long position = 0;
        List<Expression> expressions = List.of();
        String comment = null;
        List<RawAttribute> unknown = new ArrayList<>(0);
        for (Attribute a : message.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_RULE_TABLE -> table = a.string();
                case NFTA_RULE_CHAIN -> chain = a.string();
                case NFTA_RULE_HANDLE -> handle = a.u64Be();
                case NFTA_RULE_POSITION -> position = a.u64Be();
                case NFTA_RULE_EXPRESSIONS -> expressions = Expressions.decodeList(a);
                case NFTA_RULE_USERDATA -> {
                    comment = Userdata.commentOnly(a);
                    if (comment == null) {
                        unknown.add(RawAttribute.of(a));
                    }
                }
                case NFTA_RULE_PAD -> { }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (table == null || chain == null) {
            throw new NetlinkDecodeException("rule message without NFTA_RULE_TABLE or NFTA_RULE_CHAIN");
        }
        ObjectNames.decoded("table", table);
        ObjectNames.decoded("chain", chain);
        return new Rule(family, table, chain, handle, position, expressions, comment, unknown);
    }

    /**
     * What {@code nft --debug=netlink list ruleset} prints for a listed rule: the
     * location with handle and position, then one line per expression.
     *
     * @return the text
     */
    public String toDebugString() {
        StringBuilder sb = new StringBuilder(location());
        if (handle != 0) {
            sb.append(' ').append(Long.toUnsignedString(handle));
        }
        if (position != 0) {
            sb.append(' ').append(Long.toUnsignedString(position));
        }
        return sb.append('\n').append(Expressions.debug(expressions)).toString();
    }
}
