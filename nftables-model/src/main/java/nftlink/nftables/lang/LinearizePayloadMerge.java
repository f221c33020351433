package nftlink.nftables.lang;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Cmp;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Payload;

/** Merges the header matches of a linearized rule into wider loads and compares, as nft's {@code stmt_reduce} does. */
final class LinearizePayloadMerge {

    private static final int REG = NfTablesUapi.NFT_REG_1;

    /** Matches by header, then offset. */
    private static final Comparator<Mergeable> HEADER_ORDER = Comparator.<Mergeable>comparingInt(m -> m.load().base().ordinal())
            .thenComparingInt(m -> m.load().offset());

    private LinearizePayloadMerge() {
    }

    /** A header match nft may merge: its load and compare, where they are, and whether it names a protocol. */
    private record Mergeable(int at, Payload.Load load, Cmp cmp, boolean protocol) {
    }

    /**
     * Merges matches of adjacent header fields into one load and one compare, as nft's
     * {@code stmt_reduce} does: among the equality matches with one value between two
     * statements that are not matches, sorted by header and offset, neighbours join while
     * the result fits 4 bytes (or 16 in the link-layer header, or when one part is longer
     * than 4 bytes); the joint match takes the place of the earlier one, or of the one
     * naming the next protocol ({@code tcp sport 1 tcp dport 2} becomes one 4-byte load).
     */
    static void mergePayloads(LinearizeContext ctx) {
        if (ctx.mergeable().size() < 2) {
            // nothing to merge with: most rules match one header field
            return;
        }
        List<Expression> out = ctx.out();
        Expression[] slots = out.toArray(Expression[]::new);
        int runStart = 0;
        List<Integer> ends = new ArrayList<>(ctx.boundaries());
        ends.add(slots.length);
        for (int end : ends) {
            List<Mergeable> run = new ArrayList<>();
            for (int i = runStart; i + 1 < end; i++) {
                if (slots[i] instanceof Payload.Load l && l.dreg() == REG && ctx.mergeable().containsKey(slots[i + 1])) {
                    run.add(new Mergeable(i, l, (Cmp) slots[i + 1], ctx.mergeable().get(slots[i + 1])));
                }
            }
            run.sort(HEADER_ORDER);
            Mergeable last = run.isEmpty() ? null : run.getFirst();
            for (int k = 1; k < run.size(); k++) {
                Mergeable next = run.get(k);
                if (!canMerge(last.load(), next.load())) {
                    last = next;
                    continue;
                }
                byte[] data = new byte[last.load().length() + next.load().length()];
                System.arraycopy(last.cmp().data().toArray(), 0, data, 0, last.load().length());
                System.arraycopy(next.cmp().data().toArray(), 0, data, last.load().length(), next.load().length());
                Payload.Load load = new Payload.Load(last.load().base(), last.load().offset(), data.length, REG);
                Cmp cmp = new Cmp(Cmp.Op.EQ, REG, Bytes.of(data));
                // the joint match stays where the protocol match was, else where the earlier one was
                int keep = next.protocol() ? next.at() : last.at();
                int drop = next.protocol() ? last.at() : next.at();
                slots[keep] = load;
                slots[keep + 1] = cmp;
                slots[drop] = null;
                slots[drop + 1] = null;
                last = new Mergeable(keep, load, cmp, last.protocol() || next.protocol());
            }
            runStart = end;
        }
        out.clear();
        for (Expression x : slots) {
            if (x != null) {
                out.add(x);
            }
        }
    }

    /** nft's {@code payload_can_merge}: adjacent, within a register, and worth it for the kernel's fast path. */
    private static boolean canMerge(Payload.Load a, Payload.Load b) {
        int total = a.length() + b.length();
        return a.base() == b.base() && a.offset() + a.length() == b.offset() && total <= 16
                && (total <= 4 || a.base() == Payload.Base.LINK || a.length() > 4 || b.length() > 4);
    }
}
