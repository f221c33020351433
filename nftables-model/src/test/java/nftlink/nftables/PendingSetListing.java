package nftlink.nftables;

/**
 * Where nftlink's text listing of named sets and maps still differs from nft 1.1.3's, which the set family's
 * work (issue #15) changes: nft 1.1.3 prints the elements of some sets and maps one per line
 * ({@code elements = { a,\n\t\t\t     b }}). Tests of other statement families compare listings with
 * {@link #joined} applied to both sides, everything else as is; remove it when the set family lists elements
 * as nft does.
 */
public final class PendingSetListing {
    private PendingSetListing() {
    }

    /** {@code listing} with the elements of each set on one line. */
    public static String joined(String listing) {
        return listing.replace(",\n\t\t\t     ", ", ");
    }
}
