package nftlink.nftables.parse;

import nftlink.nftables.NftOperation;

import java.util.Objects;

/**
 * One operation compiled from nft text, with where it came from.
 *
 * @param operation the operation
 * @param location  the text it was compiled from (for errors the kernel reports on it)
 * @param echo      the command as {@code nft -e} prints it ({@code add rule inet t c tcp dport 22 accept}),
 *                  or {@code null} for helper operations (anonymous sets, their elements)
 */
public record ParsedOperation(NftOperation operation, SourceLocation location, String echo) {
    /** Checks the components: neither may be null. */
    public ParsedOperation {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(location, "location");
    }
}
