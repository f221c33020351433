package nftlink.nftables;

import nftlink.netlink.MessageWriter;

/**
 * A table, chain, set, stateful object or flowtable: an object of the rule set that an
 * {@code add} or {@code create} command sends whole, and that the kernel gives a handle.
 */
public sealed interface RulesetObject permits Table, Chain, NftSet, NftObject, Flowtable {

    /**
     * The family of its table.
     *
     * @return the family
     */
    Family family();

    /**
     * Its name as nft writes it after the command: family and name for a table; family,
     * table and name for the others.
     *
     * @return the qualified name
     */
    String qualifiedName();

    /**
     * Writes its attributes into a message that adds it.
     *
     * @param w the message
     */
    void writeAttributes(MessageWriter w);
}
