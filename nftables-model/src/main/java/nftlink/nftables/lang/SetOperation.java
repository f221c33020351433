package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;

import java.util.Optional;

/**
 * What a dynamic set or map update does to the element ({@code NFT_DYNSET_OP_*}), with nft's names: the
 * words of {@code add|update|delete @SET { ... }} and of JSON's {@code "op"}.
 */
public enum SetOperation {
    /** {@code add}: adds the element unless it is there. */
    ADD(NfTablesUapi.NFT_DYNSET_OP_ADD, "add"),
    /** {@code update}: adds the element, or refreshes its timeout. */
    UPDATE(NfTablesUapi.NFT_DYNSET_OP_UPDATE, "update"),
    /** {@code delete}: removes the element. */
    DELETE(NfTablesUapi.NFT_DYNSET_OP_DELETE, "delete");

    private final int number;
    private final String nftName;

    SetOperation(int number, String nftName) {
        this.number = number;
        this.nftName = nftName;
    }

    /**
     * The kernel's number ({@code NFTA_DYNSET_OP}).
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * nft's word.
     *
     * @return the word
     */
    public String nftName() {
        return nftName;
    }

    /**
     * The operation numbered {@code number}; empty for another number.
     *
     * @param number the operation number
     * @return the operation, or empty
     */
    public static Optional<SetOperation> of(int number) {
        for (SetOperation o : values()) {
            if (o.number == number) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * The operation nft names {@code name}; empty for another word.
     *
     * @param name the word
     * @return the operation, or empty
     */
    public static Optional<SetOperation> named(String name) {
        for (SetOperation o : values()) {
            if (o.nftName.equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
