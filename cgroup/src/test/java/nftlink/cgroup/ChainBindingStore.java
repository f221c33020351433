package nftlink.cgroup;

import nftlink.netlink.NetlinkKernelException;
import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.Table;
import nftlink.nfnetlink.Transaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A {@link BindingStore} for tests of the reconciler alone: each binding is a
 * regular chain {@code b-ID-ENTRY} whose comment is the cgroup path, in one table.
 * It goes through the same kernel transactions, notifications and listings as
 * {@link NftablesBindingStore}, with none of its rule building.
 */
final class ChainBindingStore implements BindingStore {

    private final Nftables nft;
    private final String table;
    private int transactions;

    ChainBindingStore(Nftables nft, String table) {
        this.nft = nft;
        this.table = table;
    }

    static String chainName(Binding b) {
        return "b-" + Long.toUnsignedString(b.cgroup().id()) + "-" + b.entry();
    }

    @Override
    public synchronized void apply(BindingDiff diff) {
        Transaction t = nft.transaction();
        t.add(new NftOperation.AddTable(Table.of(Family.INET, table), false));
        for (Binding b : diff.removed()) {
            t.add(new NftOperation.DeleteChain(Family.INET, table, chainName(b), true));
        }
        for (Binding b : diff.added()) {
            t.add(new NftOperation.AddChain(Chain.regular(Family.INET, table, chainName(b))
                    .withComment(b.cgroup().path().toString()), false));
        }
        t.commit();
        transactions++;
    }

    @Override
    public synchronized Collection<Binding> read() {
        List<Chain> chains;
        try {
            chains = nft.listChains(Family.INET, table);
        } catch (NetlinkKernelException e) {
            return List.of();
        }
        List<Binding> bindings = new ArrayList<>();
        for (Chain c : chains) {
            String[] parts = c.name().split("-", 3);
            if (parts.length == 3 && parts[0].equals("b") && c.comment() != null) {
                bindings.add(new Binding(parts[2], new Cgroup(CgroupPath.of(c.comment()), Long.parseUnsignedLong(parts[1]))));
            }
        }
        return bindings;
    }

    synchronized int transactions() {
        return transactions;
    }
}
