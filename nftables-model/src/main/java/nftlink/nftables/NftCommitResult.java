package nftlink.nftables;

import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.BatchOperation;
import nftlink.nfnetlink.CommitResult;
import nftlink.nftables.lang.RuleSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an {@link NftTransaction} committed, with the kernel's echoes decoded: the
 * rules it created and the handle of each rule added in the rule language.
 */
public final class NftCommitResult extends CommitResult {

    private final Map<RuleSpec, NftOperation> rules;

    /** @param rules the operation each rule of the rule language was added with, by identity */
    NftCommitResult(CommitResult result, Map<RuleSpec, NftOperation> rules) {
        super(result);
        this.rules = rules;
    }

    /**
     * The handle the kernel gave {@code rule}, added with {@link NftTransaction#add(RuleSpec)}.
     *
     * @param rule the rule in the rule language
     * @return the handle the kernel gave {@code rule}, added with {@link NftTransaction#add(RuleSpec)}
     * @throws IllegalArgumentException when {@code rule} was not added to the transaction
     */
    public long handle(RuleSpec rule) {
        NftOperation op = rules.get(rule);
        if (op == null) {
            throw new IllegalArgumentException("rule " + rule + " was not added to this transaction");
        }
        return handle(op);
    }

    /**
     * The rules the transaction created or replaced, as the kernel echoed them (with their
     * handles), in the order of their operations; rules added without an echo are missing.
     *
     * @return the rules, with their handles
     */
    public List<Rule> rules() {
        List<Rule> created = new ArrayList<>();
        for (int i = 0; i < operationCount(); i++) {
            BatchOperation op = operations().get(i);
            if (op instanceof NftOperation.AddRule || op instanceof NftOperation.InsertRule
                    || op instanceof NftOperation.ReplaceRule) {
                Optional<NetlinkMessage> echo = echo(i);
                echo.ifPresent(m -> created.add(Rule.decode(m)));
            }
        }
        return created;
    }

    /**
     * What the kernel reported for a transaction that {@linkplain NftTransaction#echoAdditions() echoed its additions},
     * as {@link NftMonitor} would have seen it: the changes in order and the new generation, with the
     * committing process; empty when the transaction did not ask for it.
     *
     * @return the transaction as a monitor update
     * @throws nftlink.netlink.NetlinkDecodeException when a message the kernel sent is malformed
     */
    public Optional<NftMonitor.Committed> committed() {
        NotificationDecoder decoder = new NotificationDecoder();
        notifications().forEach(decoder::message);
        return decoder.poll() instanceof NftMonitor.Committed c ? Optional.of(c) : Optional.empty();
    }
}
