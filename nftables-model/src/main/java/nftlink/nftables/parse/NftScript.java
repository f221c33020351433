package nftlink.nftables.parse;

import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;

import java.util.List;

/**
 * The result of parsing nft text: its operations in order, to be committed as one
 * transaction, each with its source location.
 *
 * @param parsed the operations with their locations
 */
public record NftScript(List<ParsedOperation> parsed) {

    /** Copies the parsed operations, which must not be null. */
    public NftScript {
        parsed = List.copyOf(parsed);
    }

    /**
     * The operations, in order.
     *
     * @return the operations
     */
    public List<NftOperation> operations() {
        return parsed.stream().map(ParsedOperation::operation).toList();
    }

    /**
     * Where operation {@code index} (0-based, as in a transaction error) came from.
     *
     * @param index the operation's index
     * @return the location
     */
    public SourceLocation locationOf(int index) {
        return parsed.get(index).location();
    }

    /**
     * Commits the operations as one transaction through {@code nft}.
     *
     * @param nft the client to commit through
     * @return the commands with the handles of what they created
     * @throws nftlink.nfnetlink.TransactionException when the kernel refused an operation
     *         ({@link #locationOf} its {@code operationIndex()} says where in the text it is); nothing was applied
     */
    public AppliedScript applyTo(Nftables nft) {
        return new AppliedScript(this, nft.transaction().addAll(operations()).commit());
    }

    /**
     * {@link #applyTo} without asking the kernel to echo the rules it adds, as {@code nft -f} without
     * {@code --echo} does: for a large script the kernel builds and sends one message less per rule, and
     * nothing has to read them. The result has no handles for rules; tables, chains, sets, objects and
     * flowtables still have theirs.
     *
     * @param nft the client to commit through
     * @return the commands, with handles for all but the rules
     * @throws nftlink.nfnetlink.TransactionException when the kernel refused an operation; nothing was applied
     */
    public AppliedScript applyWithoutRuleEchoes(Nftables nft) {
        return new AppliedScript(this, nft.transaction().addAll(operations().stream().map(NftScript::withoutRuleEcho).toList())
                .commit());
    }

    private static NftOperation withoutRuleEcho(NftOperation operation) {
        return switch (operation) {
            case NftOperation.AddRule add -> add.withoutEcho();
            case NftOperation.InsertRule insert -> insert.withoutEcho();
            default -> operation;
        };
    }

    /**
     * Whether there is nothing to do.
     *
     * @return whether there are no operations
     */
    public boolean isEmpty() {
        return parsed.isEmpty();
    }
}
