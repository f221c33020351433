package nftlink.nftables;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * An nftables table.
 *
 * @param family  address family
 * @param name    table name
 * @param flags   {@code NFT_TABLE_F_*} bits ({@code dormant}, {@code owner}, {@code persist})
 * @param comment comment stored in userdata, or {@code null}
 * @param handle  kernel handle, or 0 when not known (not yet committed)
 * @param use     number of chains, sets and objects in the table as the kernel counts
 *                them, or -1 when not known
 * @param owner   netlink port ID of the owning socket for {@code owner} tables, or 0
 * @param unknown attributes the library does not interpret, kept for round trips
 */
public record Table(Family family, String name, int flags, String comment, long handle, int use, int owner,
                    List<RawAttribute> unknown) implements RulesetObject {

    /** Checks the components: family not null, a valid name; copies the kept attributes. */
    public Table {
        Objects.requireNonNull(family, "family");
        ObjectNames.check("table", name);
        unknown = List.copyOf(unknown);
    }

    /**
     * A table to create: no flags, no comment.
     *
     * @param family the family
     * @param name the table's name
     * @return the table
     */
    public static Table of(Family family, String name) {
        return new Table(family, name, 0, null, 0, -1, 0, List.of());
    }

    /**
     * This table with other {@code NFT_TABLE_F_*} flags.
     *
     * @param newFlags the flags
     * @return the changed copy
     */
    public Table withFlags(int newFlags) {
        return new Table(family, name, newFlags, comment, handle, use, owner, unknown);
    }

    /**
     * This table with another comment.
     *
     * @param newComment the comment, or {@code null} for none
     * @return the changed copy
     */
    public Table withComment(String newComment) {
        return new Table(family, name, flags, newComment, handle, use, owner, unknown);
    }

    /**
     * Whether the table is dormant (its base chains are not registered).
     *
     * @return whether the table is dormant
     */
    public boolean isDormant() {
        return (flags & NFT_TABLE_F_DORMANT) != 0;
    }

    /**
     * Whether the table is owned by a netlink socket and goes away with it.
     *
     * @return whether the table is owned
     */
    public boolean isOwned() {
        return (flags & NFT_TABLE_F_OWNER) != 0;
    }

    /**
     * Writes the attributes of {@code NFT_MSG_NEWTABLE} for this table.
     *
     * @param w the writer
     */
    public void writeAttributes(MessageWriter w) {
        w.attrString(NFTA_TABLE_NAME, name);
        w.attrU32Be(NFTA_TABLE_FLAGS, flags);
        if (comment != null) {
            w.attrBytes(NFTA_TABLE_USERDATA, Userdata.comment(comment));
        }
        for (RawAttribute a : unknown) {
            a.write(w);
        }
    }

    /**
     * Decodes an {@code NFT_MSG_NEWTABLE} message (a dump entry or an echo).
     *
     * @param message the message
     * @return the table
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static Table decode(NetlinkMessage message) {
        Family family = Family.ofMessage(message);
        String name = null;
        int flags = 0;
        String comment = null;
        long handle = 0;
        int use = -1;
        int owner = 0;
        List<RawAttribute> unknown = new ArrayList<>(0);
        for (Attribute a : message.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_TABLE_NAME -> name = a.string();
                case NFTA_TABLE_FLAGS -> flags = a.u32Be();
                case NFTA_TABLE_USE -> use = a.u32Be();
                case NFTA_TABLE_HANDLE -> handle = a.u64Be();
                case NFTA_TABLE_OWNER -> owner = a.u32Be();
                case NFTA_TABLE_USERDATA -> {
                    comment = Userdata.commentOnly(a);
                    if (comment == null) {
                        unknown.add(RawAttribute.of(a));
                    }
                }
                case NFTA_TABLE_PAD -> { }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (name == null) {
            throw new NetlinkDecodeException("table message without NFTA_TABLE_NAME");
        }
        ObjectNames.decoded("table", name);
        return new Table(family, name, flags, comment, handle, use, owner, unknown);
    }

    /**
     * {@code family name}, as nft names a table.
     *
     * @return the name
     */
    public String qualifiedName() {
        return family.nftName() + " " + name;
    }
}
