package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.NftSet;

import java.util.Optional;

/**
 * Finds a set that the parsed text does not declare, so elements added to it can
 * be parsed with its key type (like nft, which asks the kernel). The command-line
 * tool looks in the kernel; {@link #NONE} knows no sets.
 */
@FunctionalInterface
public interface SetLookup {

    /** Knows no sets. */
    SetLookup NONE = (family, table, name) -> Optional.empty();

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
