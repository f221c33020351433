package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;

import java.util.Optional;

/**
 * The stateful object types nft names ({@code NFT_OBJECT_*}): their names as declarations and JSON keys
 * ({@code counter}, {@code ct helper}, ...) and the words a rule refers to one by ({@code counter name "c"},
 * {@code ct helper set "ftp"}, {@code meta secmark set "m"}).
 */
public enum ObjectType {
    /** {@code counter}. */
    COUNTER(NfTablesUapi.NFT_OBJECT_COUNTER, "counter", "counter name"),
    /** {@code quota}. */
    QUOTA(NfTablesUapi.NFT_OBJECT_QUOTA, "quota", "quota name"),
    /** {@code ct helper}. */
    CT_HELPER(NfTablesUapi.NFT_OBJECT_CT_HELPER, "ct helper", "ct helper set"),
    /** {@code limit}. */
    LIMIT(NfTablesUapi.NFT_OBJECT_LIMIT, "limit", "limit name"),
    /** {@code ct timeout}. */
    CT_TIMEOUT(NfTablesUapi.NFT_OBJECT_CT_TIMEOUT, "ct timeout", "ct timeout set"),
    /** {@code secmark}. */
    SECMARK(NfTablesUapi.NFT_OBJECT_SECMARK, "secmark", "meta secmark set"),
    /** {@code ct expectation}. */
    CT_EXPECTATION(NfTablesUapi.NFT_OBJECT_CT_EXPECT, "ct expectation", "ct expectation set"),
    /** {@code synproxy}. */
    SYNPROXY(NfTablesUapi.NFT_OBJECT_SYNPROXY, "synproxy", "synproxy name");

    private final int number;
    private final String nftName;
    private final String reference;

    ObjectType(int number, String nftName, String reference) {
        this.number = number;
        this.nftName = nftName;
        this.reference = reference;
    }

    /**
     * The kernel's {@code NFT_OBJECT_*} number.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * nft's name: {@code counter}, {@code ct helper}, ...
     *
     * @return the name
     */
    public String nftName() {
        return nftName;
    }

    /**
     * The words before the object's name in a rule: {@code counter name}, {@code ct helper set}, ...
     *
     * @return the words
     */
    public String reference() {
        return reference;
    }

    /**
     * The type numbered {@code number}; empty for a type nft has no name for.
     *
     * @param number the {@code NFT_OBJECT_*} number
     * @return the type, or empty
     */
    public static Optional<ObjectType> of(int number) {
        for (ObjectType t : values()) {
            if (t.number == number) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The type nft names {@code name}; empty for another word.
     *
     * @param name the name
     * @return the type, or empty
     */
    public static Optional<ObjectType> named(String name) {
        for (ObjectType t : values()) {
            if (t.nftName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
