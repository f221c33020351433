package nftlink.nftables;

import nftlink.netlink.AttributeNamer;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * What an {@code add}, {@code create}, {@code delete} or {@code destroy} command works on
 * (nft's {@code enum cmd_obj}, for the kinds with a handle of their own): the word nft
 * writes and the kernel's messages and attributes for it.
 */
public enum CommandObject {
    /** {@code table}. */
    TABLE("table", NFT_MSG_NEWTABLE, NFT_MSG_DELTABLE, NFT_MSG_DESTROYTABLE, 0, NFTA_TABLE_NAME,
            NFTA_TABLE_HANDLE, AttributeNames.TABLE),
    /** {@code chain}. */
    CHAIN("chain", NFT_MSG_NEWCHAIN, NFT_MSG_DELCHAIN, NFT_MSG_DESTROYCHAIN, NFTA_CHAIN_TABLE, NFTA_CHAIN_NAME,
            NFTA_CHAIN_HANDLE, AttributeNames.CHAIN),
    /** {@code set} or {@code map}. */
    SET("set", NFT_MSG_NEWSET, NFT_MSG_DELSET, NFT_MSG_DESTROYSET, NFTA_SET_TABLE, NFTA_SET_NAME,
            NFTA_SET_HANDLE, AttributeNames.SET),
    /** A stateful object: {@code counter}, {@code quota}, {@code limit}, {@code ct helper}, ... */
    OBJECT("object", NFT_MSG_NEWOBJ, NFT_MSG_DELOBJ, NFT_MSG_DESTROYOBJ, NFTA_OBJ_TABLE, NFTA_OBJ_NAME,
            NFTA_OBJ_HANDLE, AttributeNames.OBJECT),
    /** {@code flowtable}. */
    FLOWTABLE("flowtable", NFT_MSG_NEWFLOWTABLE, NFT_MSG_DELFLOWTABLE, NFT_MSG_DESTROYFLOWTABLE, NFTA_FLOWTABLE_TABLE,
            NFTA_FLOWTABLE_NAME, NFTA_FLOWTABLE_HANDLE, AttributeNames.FLOWTABLE);

    private final String word;
    private final int newMessage;
    private final int deleteMessage;
    private final int destroyMessage;
    private final int tableAttribute;
    private final int nameAttribute;
    private final int handleAttribute;
    private final AttributeNamer attributeNamer;

    CommandObject(String word, int newMessage, int deleteMessage, int destroyMessage, int tableAttribute,
                  int nameAttribute, int handleAttribute, AttributeNamer attributeNamer) {
        this.word = word;
        this.newMessage = newMessage;
        this.deleteMessage = deleteMessage;
        this.destroyMessage = destroyMessage;
        this.tableAttribute = tableAttribute;
        this.nameAttribute = nameAttribute;
        this.handleAttribute = handleAttribute;
        this.attributeNamer = attributeNamer;
    }

    /**
     * The word nft writes after the command ({@code set} for maps too).
     *
     * @return the word
     */
    public String word() {
        return word;
    }

    int newMessage() {
        return newMessage;
    }

    int deleteMessage(boolean ignoreMissing) {
        return ignoreMissing ? destroyMessage : deleteMessage;
    }

    /** {@code NFTA_*_TABLE}; 0 for a table, which its name alone names. */
    int tableAttribute() {
        return tableAttribute;
    }

    int nameAttribute() {
        return nameAttribute;
    }

    int handleAttribute() {
        return handleAttribute;
    }

    AttributeNamer attributeNamer() {
        return attributeNamer;
    }
}
