package nftlink.nftables.parse;

import nftlink.nftables.NftOperation;

import java.util.EnumMap;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One operation compiled from nft text, with where it came from and how {@code nft -e} echoes it.
 * The echo of a rule is rendered only when asked for: most users of a parsed file never print it,
 * and rendering every rule of a large file costs as much as a tenth of compiling it.
 */
public final class ParsedOperation {

    /**
     * A part of a command nft points at when the kernel refuses the attribute written from it (its
     * {@code cmd_add_loc}): the table's name, the object's name (for a rule: its chain), the handle.
     */
    public enum Part {
        /** The table's name. */
        TABLE,
        /** The chain's, set's, object's or flowtable's name; a rule's chain. */
        NAME,
        /** A rule's or object's handle, or a rule's position. */
        HANDLE
    }

    private final NftOperation operation;
    /** Made when a part is recorded: a rule compiled from a file has none, and a large file has many rules. */
    private EnumMap<Part, SourceLocation> parts;
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

    /** Records where {@code part} of the command is in the text (a token's location); returns this operation. */
    ParsedOperation at(Part part, Token token) {
        if (token != null) {
            if (parts == null) {
                parts = new EnumMap<>(Part.class);
            }
            parts.put(part, token.location());
        }
        return this;
    }

    /**
     * Where in the text the part of this operation lies that the kernel refused, by the attribute its
     * extended ACK names ({@code NFTA_RULE_CHAIN}: the chain's name), as nft points at it; the operation's
     * whole text for other attributes or when the part was not written.
     *
     * @param attribute the attribute's name as {@link nftlink.nfnetlink.OperationError#attribute()} gives it, or {@code null}
     * @return where in the text
     */
    public SourceLocation location(String attribute) {
        Part part = partOf(attribute);
        SourceLocation at = part == null || parts == null ? null : parts.get(part);
        return at == null ? location() : at;
    }

    private static Part partOf(String attribute) {
        if (attribute == null) {
            return null;
        }
        return switch (attribute) {
            case "NFTA_TABLE_NAME", "NFTA_CHAIN_TABLE", "NFTA_RULE_TABLE", "NFTA_SET_TABLE", "NFTA_SET_ELEM_LIST_TABLE",
                 "NFTA_OBJ_TABLE", "NFTA_FLOWTABLE_TABLE" -> Part.TABLE;
            case "NFTA_CHAIN_NAME", "NFTA_RULE_CHAIN", "NFTA_SET_NAME", "NFTA_SET_ELEM_LIST_SET", "NFTA_OBJ_NAME",
                 "NFTA_FLOWTABLE_NAME" -> Part.NAME;
            case "NFTA_RULE_HANDLE", "NFTA_CHAIN_HANDLE", "NFTA_SET_HANDLE", "NFTA_OBJ_HANDLE",
                 "NFTA_FLOWTABLE_HANDLE", "NFTA_TABLE_HANDLE" -> Part.HANDLE;
            default -> null;
        };
    }

    /** This operation's text and echo with {@code changed} in place of its operation. */
    ParsedOperation withOperation(NftOperation changed) {
        ParsedOperation out = new ParsedOperation(changed);
        out.parts = parts;
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
