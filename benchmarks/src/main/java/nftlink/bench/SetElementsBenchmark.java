package nftlink.bench;

import nftlink.nfnetlink.Transaction;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;

/**
 * Adding {@code n} IPv4 elements to set {@code inet t s} that already holds
 * {@code existing} elements: a hash set ({@code type ipv4_addr}) or an interval set
 * ({@code flags interval}, elements are ranges {@code a-a+1}). The set is filled by
 * {@code nft -f} in the trial's setup, so it is exactly what nft itself would have
 * made; the added elements are deleted again after each invocation, outside the
 * measured time.
 */
public class SetElementsBenchmark extends PeerBenchmark {

    /** {@code hash} or {@code interval}. */
    @Param({"hash", "interval"})
    public String kind;

    /** Elements already in the set. */
    @Param({"100000"})
    public int existing;

    /** Elements added per transaction. */
    @Param({"1", "100", "10000"})
    public int n;

    Transaction undo;

    private boolean interval() {
        return switch (kind) {
            case "hash" -> false;
            case "interval" -> true;
            default -> throw new IllegalArgumentException("kind must be hash or interval, not " + kind);
        };
    }

    /** 10.0.0.0 upwards for existing elements, 12.0.0.0 upwards for added ones; ranges are 4 addresses apart. */
    static String elementsText(int base, int count, boolean interval) {
        StringBuilder sb = new StringBuilder(count * 24);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (interval) {
                int a = base + 4 * i;
                sb.append(ipv4(a)).append('-').append(ipv4(a + 1));
            } else {
                sb.append(ipv4(base + i));
            }
        }
        return sb.toString();
    }

    static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    static List<SetElement> elements(int base, int count, boolean interval) {
        List<SetElement> list = new ArrayList<>(interval ? 2 * count : count);
        for (int i = 0; i < count; i++) {
            if (interval) {
                int a = base + 4 * i;
                // start first: the kernel's rbtree calls an end element whose closest lower neighbour is an end an overlap
                list.add(SetElement.of(Bytes.u32Be(a)));
                list.add(SetElement.intervalEnd(Bytes.u32Be(a + 2)));
            } else {
                list.add(SetElement.of(Bytes.u32Be(base + i)));
            }
        }
        return list;
    }

    static final int EXISTING_BASE = 10 << 24;
    static final int ADDED_BASE = 12 << 24;

    @Setup(Level.Trial)
    public void setup() {
        boolean iv = interval();
        ns = BenchNamespace.create();
        ns.nftScript("table inet t {\n  set s { type ipv4_addr;" + (iv ? " flags interval;" : "") + " }\n  chain c { }\n}\n");
        if (existing > 0) {
            ns.nftScript("add element inet t s { " + elementsText(EXISTING_BASE, existing, iv) + " }\n");
        }
        nft = Nftables.open(ns.namespace());
        List<SetElement> added = elements(ADDED_BASE, n, iv);
        List<NftOperation> ops = NftOperation.addElements(Family.INET, Fixtures.TABLE, "s", added);
        peers(ops, "add element inet t s { " + elementsText(ADDED_BASE, n, iv) + " }\n");
        undo = nft.transaction().addAll(NftOperation.deleteElements(Family.INET, Fixtures.TABLE, "s", added));
    }

    @TearDown(Level.Invocation)
    public void reset() {
        undo.commit();
    }
}
