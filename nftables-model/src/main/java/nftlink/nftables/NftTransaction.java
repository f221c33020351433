package nftlink.nftables;

import nftlink.netlink.NetlinkConnection;
import nftlink.nfnetlink.BatchOperation;
import nftlink.nfnetlink.Transaction;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.RuleSpec;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static nftlink.nfnetlink.Nfnetlink.NFNL_SUBSYS_NFTABLES;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWCHAIN;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWFLOWTABLE;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWOBJ;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWRULE;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWSET;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWSETELEM;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_NEWTABLE;

/**
 * A transaction on nf_tables ({@link Nftables#transaction()}): the operations of
 * {@link Transaction}, plus rules in the rule language, which it compiles with the
 * anonymous sets and chains they need. Its commit tells the handles of what it created.
 *
 * <pre>{@code
 * RuleSpec ssh = NftParser.standard().parseRule(Family.INET, "app", "input", "tcp dport { 22, 2222 } accept");
 * NftCommitResult result = nft.transaction().add(ssh).commit();
 * long handle = result.handle(ssh);
 * }</pre>
 *
 * <p>Like {@link Transaction}, it belongs to one thread at a time.
 */
public final class NftTransaction extends Transaction {

    private BatchIds ids = new BatchIds();
    private final Map<RuleSpec, NftOperation> rules = new IdentityHashMap<>();

    /**
     * An empty nf_tables transaction on {@code connection}.
     *
     * @param connection a {@code NETLINK_NETFILTER} connection
     */
    public NftTransaction(NetlinkConnection connection) {
        super(connection, NFNL_SUBSYS_NFTABLES);
    }

    /**
     * Appends {@code rule}: the operations that add its anonymous sets and anonymous chains, then
     * the rule itself (with the echo that carries its handle; see {@link NftCommitResult#handle(RuleSpec)}).
     * Its anonymous sets and chains are numbered after those of the operations added before it.
     *
     * @param rule the rule in the rule language
     * @return this transaction
     * @throws IllegalArgumentException when a statement cannot be expressed in the rule's family
     */
    public NftTransaction add(RuleSpec rule) {
        Linearizer.Result compiled = Linearizer.linearize(rule, ids);
        addAll(compiled.prerequisites(set -> set));
        NftOperation.AddRule add = NftOperations.addRule(compiled.rule());
        add(add);
        rules.put(rule, add);
        return this;
    }

    /**
     * Appends each of {@code more} as {@link #add(RuleSpec)} does.
     *
     * @param more the rules, in order
     * @return this transaction
     */
    public NftTransaction addRules(List<RuleSpec> more) {
        more.forEach(this::add);
        return this;
    }

    /**
     * The operation that adds {@code rule}, which was added with {@link #add(RuleSpec)}.
     *
     * @param rule the rule in the rule language
     * @return the operation that adds {@code rule}, which was added with {@link #add(RuleSpec)}
     */
    public NftOperation.AddRule operationOf(RuleSpec rule) {
        NftOperation op = rules.get(rule);
        if (op == null) {
            throw new IllegalArgumentException("rule " + rule + " was not added to this transaction");
        }
        return (NftOperation.AddRule) op;
    }

    @Override
    public NftTransaction add(BatchOperation operation) {
        super.add(operation);
        switch (operation) {
            case NftOperation.AddSet s -> ids.usedSet(s.set().id());
            case NftOperation.AddElements e -> ids.usedSet(e.setId());
            case NftOperation.AddBindingChain c -> ids.usedChain(c.id());
            case NftOperation.AddBoundRule r -> ids.usedChain(r.chainId());
            default -> { }
        }
        return this;
    }

    @Override
    public NftTransaction addAll(Collection<? extends BatchOperation> more) {
        more.forEach(this::add);
        return this;
    }

    @Override
    public NftTransaction clear() {
        super.clear();
        ids = new BatchIds();
        rules.clear();
        return this;
    }

    @Override
    public NftTransaction echo(Predicate<? super BatchOperation> which) {
        super.echo(which);
        return this;
    }

    /**
     * Echoes what {@code nft --echo} echoes: every operation that adds or changes something (the kernel's
     * {@code NFT_MSG_NEW*} messages), not deletions; {@link NftCommitResult#committed()} then tells what the
     * kernel reported.
     *
     * @return this transaction
     */
    public NftTransaction echoAdditions() {
        return echo(op -> switch (op.message()) {
            case NFT_MSG_NEWTABLE, NFT_MSG_NEWCHAIN, NFT_MSG_NEWRULE, NFT_MSG_NEWSET, NFT_MSG_NEWSETELEM, NFT_MSG_NEWOBJ,
                 NFT_MSG_NEWFLOWTABLE -> true;
            default -> false;
        });
    }

    @Override
    public NftTransaction expectGeneration(int generation) {
        super.expectGeneration(generation);
        return this;
    }

    /**
     * Commits, as {@link Transaction#commit()} does.
     *
     * @throws nftlink.nfnetlink.TransactionException        when the kernel rejected any operation
     * @throws nftlink.nfnetlink.GenerationConflictException when the generation guard failed
     */
    @Override
    public NftCommitResult commit() {
        return new NftCommitResult(super.commit(), new IdentityHashMap<>(rules));
    }
}
