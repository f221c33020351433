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
 * A named stateful object of a table ({@code NFT_MSG_NEWOBJ}): a counter, quota,
 * limit, ct helper, ct timeout, ct expectation, secmark or synproxy that rules
 * refer to by name; any other type is kept as {@link ObjectDefinition.Raw}.
 *
 * @param family  address family of its table
 * @param table   table name
 * @param name    object name
 * @param handle  kernel handle, or 0 when not known
 * @param use     number of references (rules, maps) as the kernel counts them, or -1 when not known
 * @param comment the comment nft stores in the userdata, or {@code null}
 * @param data    the type and its state
 * @param unknown attributes the library does not interpret (userdata that is not just a comment, too)
 */
public record NftObject(Family family, String table, String name, long handle, int use, String comment,
                        ObjectDefinition data, List<RawAttribute> unknown) implements RulesetObject {

    /** Checks the components: family and data not null, valid table and object names. */
    public NftObject {
        Objects.requireNonNull(family, "family");
        ObjectNames.check("table", table);
        ObjectNames.check("object", name);
        Objects.requireNonNull(data, "data");
        unknown = List.copyOf(unknown);
    }

    /**
     * An object to add.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the object's name
     * @param data the object's type and settings
     * @return the object
     */
    public static NftObject of(Family family, String table, String name, ObjectDefinition data) {
        return new NftObject(family, table, name, 0, -1, null, data, List.of());
    }

    /**
     * This object with another comment.
     *
     * @param newComment the comment, or {@code null} for none
     * @return the changed copy
     */
    public NftObject withComment(String newComment) {
        return new NftObject(family, table, name, handle, use, newComment, data, unknown);
    }

    /**
     * This object with other settings.
     *
     * @param newData the type and settings
     * @return the changed copy
     */
    public NftObject withData(ObjectDefinition newData) {
        return new NftObject(family, table, name, handle, use, comment, newData, unknown);
    }

    /**
     * The {@code NFT_OBJECT_*} type.
     *
     * @return the object type
     */
    public int type() {
        return data.type();
    }

    /**
     * {@code family table name}.
     *
     * @return the name
     */
    public String qualifiedName() {
        return family.nftName() + " " + table + " " + name;
    }

    /**
     * Writes the attributes of {@code NFT_MSG_NEWOBJ}.
     *
     * @param w the writer
     */
    public void writeAttributes(MessageWriter w) {
        w.attrString(NFTA_OBJ_TABLE, table);
        w.attrString(NFTA_OBJ_NAME, name);
        w.attrU32Be(NFTA_OBJ_TYPE, data.type());
        if (data instanceof ObjectDefinition.Raw raw) {
            byte[] bytes = raw.data();
            if (bytes != null) {
                w.attrBytes(raw.rawType(), bytes);
            }
        } else {
            int nest = w.beginNested(NFTA_OBJ_DATA, false);
            data.write(w);
            w.endNested(nest);
        }
        if (comment != null) {
            w.attrBytes(NFTA_OBJ_USERDATA, Userdata.comment(comment));
        }
        for (RawAttribute a : unknown) {
            a.write(w);
        }
    }

    /**
     * Decodes an {@code NFT_MSG_NEWOBJ} message (a dump entry, a reset reply or an echo).
     *
     * @param message the message
     * @return the object
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static NftObject decode(NetlinkMessage message) {
        Family family = Family.ofMessage(message);
        String table = null;
        String name = null;
        Integer type = null;
        Attribute data = null;
        long handle = 0;
        int use = -1;
        String comment = null;
        List<RawAttribute> unknown = new ArrayList<>(0);
        for (Attribute a : message.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_OBJ_TABLE -> table = a.string();
                case NFTA_OBJ_NAME -> name = a.string();
                case NFTA_OBJ_TYPE -> type = a.u32Be();
                case NFTA_OBJ_DATA -> data = a;
                case NFTA_OBJ_USE -> use = a.u32Be();
                case NFTA_OBJ_HANDLE -> handle = a.u64Be();
                case NFTA_OBJ_USERDATA -> {
                    comment = Userdata.commentOnly(a);
                    if (comment == null) {
                        unknown.add(RawAttribute.of(a));
                    }
                }
                case NFTA_OBJ_PAD -> { }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (table == null || name == null || type == null) {
            throw new NetlinkDecodeException("object message without NFTA_OBJ_TABLE, NFTA_OBJ_NAME or NFTA_OBJ_TYPE");
        }
        try {
            ObjectNames.decoded("table", table);
            ObjectNames.decoded("object", name);
            return new NftObject(family, table, name, handle, use, comment, ObjectDefinition.decode(type, data), unknown);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("object: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "NftObject[" + qualifiedName() + ", " + data + (comment == null ? "" : ", comment=" + comment) + "]";
    }
}
