package nftlink.nftables.parse;

import nftlink.nftables.NftOperation;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One operation compiled from nft text, with where it came from and how {@code nft -e} echoes it.
 * The echo of a rule is rendered only when asked for: most users of a parsed file never print it,
 * and rendering every rule of a large file costs as much as a tenth of compiling it.
 */
public final class ParsedOperation {
    private final NftOperation operation;
    private SourceLocation location;
    private Supplier<SourceLocation> pendingLocation;
    private Supplier<String> pendingEcho;
    private String echo;

    /**
     * An operation with its echo line given.
     *
     * @param operation the operation
     * @param location  the text it was compiled from (for errors the kernel reports on it)
     * @param echo      the command as {@code nft -e} prints it ({@code add rule inet t c tcp dport 22 accept}),
     *                  or {@code null} for helper operations (anonymous sets, their elements)
     */
    public ParsedOperation(NftOperation operation, SourceLocation location, String echo) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.location = Objects.requireNonNull(location, "location");
        this.echo = echo;
    }

    /**
     * An operation whose location {@code location} makes on first use (a rule's span: most are never asked
     * for), and whose echo {@code echo} renders on first use ({@code null}: none, as for helper operations).
     */
    static ParsedOperation lazy(NftOperation operation, Supplier<SourceLocation> location, Supplier<String> echo) {
        ParsedOperation out = new ParsedOperation(operation);
        out.pendingLocation = Objects.requireNonNull(location, "location");
        out.pendingEcho = echo;
        return out;
    }

    private ParsedOperation(NftOperation operation) {
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    /** This operation's text and echo with {@code changed} in place of its operation. */
    ParsedOperation withOperation(NftOperation changed) {
        ParsedOperation out = new ParsedOperation(changed);
        out.location = location;
        out.pendingLocation = pendingLocation;
        out.echo = echo;
        out.pendingEcho = pendingEcho;
        return out;
    }

    /**
     * The operation.
     *
     * @return the operation
     */
    public NftOperation operation() {
        return operation;
    }

    /**
     * The text it was compiled from (for errors the kernel reports on it).
     *
     * @return where in the text
     */
    public SourceLocation location() {
        Supplier<SourceLocation> pending = pendingLocation;
        if (pending != null) {
            location = Objects.requireNonNull(pending.get(), "location");
            pendingLocation = null;
        }
        return location;
    }

    /**
     * The command as {@code nft -e} prints it ({@code add rule inet t c tcp dport 22 accept}), or
     * {@code null} for helper operations (anonymous sets, their elements).
     *
     * @return the echo line, rendered on the first call for a rule
     */
    public String echo() {
        Supplier<String> pending = pendingEcho;
        if (pending != null) {
            echo = pending.get();
            pendingEcho = null;
        }
        return echo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedOperation p && operation.equals(p.operation) && location().equals(p.location())
                && Objects.equals(echo(), p.echo());
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, location(), echo());
    }

    @Override
    public String toString() {
        return "ParsedOperation[operation=" + operation + ", location=" + location() + ", echo=" + echo() + "]";
    }
}
