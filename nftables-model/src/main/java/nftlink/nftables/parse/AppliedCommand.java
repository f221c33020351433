package nftlink.nftables.parse;

import nftlink.nftables.NftOperation;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One command of applied nft text and what the kernel made of it.
 *
 * @param location  where the command is in the text
 * @param command   the command as {@code nft -e} prints it ({@code add rule inet app input tcp dport 22 accept})
 * @param operation the operation it was compiled to
 * @param handle    the handle the kernel gave what it created (a table, chain, rule, set, object or
 *                  flowtable); empty for commands that create nothing with a handle
 */
public record AppliedCommand(SourceLocation location, String command, NftOperation operation, OptionalLong handle) {

    /** Checks that no component is {@code null}. */
    public AppliedCommand {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(handle, "handle");
    }

    /**
     * The command as {@code nft -e -a} prints it: with {@code # handle N} when it has a handle.
     *
     * @return the command with its handle
     */
    public String echo() {
        return handle.isPresent() ? command + " # handle " + handle.getAsLong() : command;
    }
}
