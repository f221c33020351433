package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code -m comment --comment TEXT}: {@code struct xt_comment_info}, revision 0. libxtables
 * turns it into the rule's comment, which nft's listing of the statement leaves out: the
 * statement lists as nothing at all.
 *
 * @param comment the comment (at most 255 bytes)
 */
public record Comment(String comment) implements XtInfo {
    static final int SIZE = 256;

    /** Checks the component: {@code comment} must not be null. */
    public Comment {
        Objects.requireNonNull(comment, "comment");
    }

    /**
     * Decodes the 256-byte struct; nft reads at most 255 bytes of it.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Comment decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "comment");
        return new Comment(r.string(0, SIZE - 1, false));
    }

    @Override
    public Optional<String> text(XtContext context) {
        return Optional.of("");
    }
}
