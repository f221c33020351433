package nftlink.nftables;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.MessageWriter;
import nftlink.nfnetlink.BatchOperation;

import static nftlink.nftables.NfTablesUapi.NFTA_CHAIN_HANDLE;
import static nftlink.nftables.NfTablesUapi.NFTA_CHAIN_NAME;
import static nftlink.nftables.NfTablesUapi.NFTA_CHAIN_TABLE;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWCHAIN;

/**
 * {@code rename chain}: gives the chain with {@code handle} ({@link Chain#handle()}) the name
 * {@code newName}, in an {@code NFT_MSG_NEWCHAIN} message that names the chain by its handle, as nft
 * sends it. The kernel refuses a name another chain of the table has ({@code EEXIST}) and an unknown
 * handle ({@code ENOENT}). Add it to a transaction ({@link Nftables#transaction()}).
 *
 * @param tableFamily the table's family
 * @param table       the table's name
 * @param handle      the chain's handle
 * @param newName     the chain's new name
 */
public record ChainRename(Family tableFamily, String table, long handle, String newName) implements BatchOperation {

    /** Checks the components. */
    public ChainRename {
        if (tableFamily == null) {
            throw new IllegalArgumentException("a chain rename needs the table's family");
        }
        ObjectNames.check("table", table);
        ObjectNames.check("chain", newName);
    }

    @Override
    public int message() {
        return NFT_MSG_NEWCHAIN;
    }

    @Override
    public int flags() {
        return 0;
    }

    @Override
    public int family() {
        return tableFamily.protocol();
    }

    @Override
    public void writeAttributes(MessageWriter w) {
        w.attrString(NFTA_CHAIN_TABLE, table);
        w.attrU64Be(NFTA_CHAIN_HANDLE, handle);
        w.attrString(NFTA_CHAIN_NAME, newName);
    }

    @Override
    public String kind() {
        return "rename chain";
    }

    @Override
    public String object() {
        return tableFamily.nftName() + " " + table + " handle " + handle;
    }

    @Override
    public AttributeNamer attributeNamer() {
        return AttributeNames.CHAIN;
    }
}
