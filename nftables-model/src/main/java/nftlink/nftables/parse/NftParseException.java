package nftlink.nftables.parse;

import nftlink.netlink.NftlinkException;
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
public final class NftParseException extends NftlinkException {

    /** Where the problem is. */
    private final SourceLocation location;
    /** What is wrong, without location and caret. */
    private final String problem;

    /**
     * Text that does not parse; the message is nft's: location, problem, source line and caret.
     *
     * @param location where the problem is
     * @param problem  what is wrong, e.g. {@code syntax error, unexpected '}', expecting a value}
     */
    public NftParseException(SourceLocation location, String problem) {
        super(location.position() + ": Error: " + cut(problem) + "\n" + location.caret());
        this.location = Objects.requireNonNull(location, "location");
        this.problem = problem;
    }

    /**
     * The problem an {@link IllegalArgumentException} of the rule language describes, in nft's words:
     * a {@link NumberFormatException}'s Java text ({@code For input string: "X" under radix 16}) becomes
     * {@code not a number: X}.
     *
     * @param e the rule language's exception
     * @return the problem in nft's words
     */
    public static String problem(IllegalArgumentException e) {
        if (e instanceof NumberFormatException) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            int open = m.indexOf('"');
            int close = m.lastIndexOf('"');
            return "not a number: " + (open >= 0 && close > open ? InputLimits.shown(m.substring(open + 1, close)) : "");
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String cut(String problem) {
        return problem.length() <= 400 ? problem : problem.substring(0, 400) + "...";
    }

    /**
     * Where the problem is.
     *
     * @return the source location
     */
    public SourceLocation location() {
        return location;
    }

    /**
     * What is wrong, without location and caret.
     *
     * @return the problem, e.g. {@code syntax error, unexpected acept, expecting a statement}
     */
    public String problem() {
        return problem;
    }
}
