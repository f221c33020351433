package nftlink.nftables.parse;

import nftlink.netlink.NetlinkKernelException;
import nftlink.nftables.Family;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;

import java.util.Optional;

/**
 * Finds a set that the parsed text does not declare, so elements added to it can
 * be parsed with its key type (like nft, which asks the kernel). {@link #inKernel}
 * looks in the kernel, as the command-line tool does; {@link #NONE} knows no sets.
 */
@FunctionalInterface
public interface SetLookup {

    /** Knows no sets. */
    SetLookup NONE = (family, table, name) -> Optional.empty();

    /**
     * Looks sets up in the kernel through {@code nft}, as {@code nft} does: a set of a table that
     * does not exist is not found (the parse then says so, rather than the kernel).
     *
     * @param nft the client to ask
     * @return a lookup in the kernel
     */
    static SetLookup inKernel(Nftables nft) {
        return (family, table, name) -> {
            try {
                return nft.listSets(family, table).stream().filter(s -> s.name().equals(name)).findFirst();
            } catch (NetlinkKernelException e) {
                return Optional.empty();
            }
        };
    }

    /**
     * The set or map {@code name} of table {@code family table}, if it exists.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the set's name
     * @return the set, or empty
     */
    Optional<NftSet> find(Family family, String table, String name);
}
