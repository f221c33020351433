package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.nftables.ObjectDefinition;

import static nftlink.nftables.NfTablesUapi.NFTA_COUNTER_BYTES;
import static nftlink.nftables.NfTablesUapi.NFTA_COUNTER_PACKETS;
import static nftlink.nftables.NfTablesUapi.NFTA_COUNTER_MAX;

/**
 * {@code counter}: counts packets and bytes that reach it.
 *
 * @param packets packets counted so far (initial value when adding)
 * @param bytes   bytes counted so far
 */
public record Counter(long packets, long bytes) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("counter", Counter::decode, Counter::parse);

    /**
     * A counter starting at zero.
     *
     * @return the expression
     */
    public static Counter zero() {
        return new Counter(0, 0);
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public void writeData(MessageWriter w) {
        // the stateful object of this type holds the same attributes
        new ObjectDefinition.Counter(packets, bytes).write(w);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("counter pkts ").append(Long.toUnsignedString(packets)).append(" bytes ").append(Long.toUnsignedString(bytes));
    }

    private static Counter decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_COUNTER_MAX);
        return new Counter(tb.require(NFTA_COUNTER_PACKETS).u64Be(), tb.require(NFTA_COUNTER_BYTES).u64Be());
    }

    private static Counter parse(DebugReader r) {
        r.expect("pkts");
        long packets = r.nextLong();
        r.expect("bytes");
        return new Counter(packets, r.nextLong());
    }
}
