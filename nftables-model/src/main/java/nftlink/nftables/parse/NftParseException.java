package nftlink.nftables.parse;

import java.util.Objects;

/**
 * Text that is not valid nft syntax, or that nftlink's rule language cannot
 * express. The message reads like nft's: location, what is wrong, the source line
 * and a caret under the offending token:
 *
 * <pre>
 * rules.nft:3:23-27: Error: syntax error, unexpected acept, expecting a statement
 *         tcp dport 22 acept
 *                      ^^^^^
 * </pre>
 */
public final class NftParseException extends RuntimeException {

    private final SourceLocation location;
    private final String problem;

    /**
     * @param location where the problem is
     * @param problem  what is wrong, e.g. {@code syntax error, unexpected '}', expecting a value}
     */
    public NftParseException(SourceLocation location, String problem) {
        super(location.position() + ": Error: " + cut(problem) + "\n" + location.caret());
        this.location = Objects.requireNonNull(location, "location");
        this.problem = problem;
    }

    private static String cut(String problem) {
        return problem.length() <= 400 ? problem : problem.substring(0, 400) + "...";
    }

    /** Where the problem is. */
    public SourceLocation location() {
        return location;
    }

    /** What is wrong, without location and caret. */
    public String problem() {
        return problem;
    }
}
