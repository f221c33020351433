package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.nftables.ObjectDefinition;

import static nftlink.nftables.NfTablesUapi.NFTA_COUNTER_BYTES;
import static nftlink.nftables.NfTablesUapi.NFTA_COUNTER_PACKETS;

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
        Long bytes = null;
        Long packets = null;
        for (Attribute a : attributes) {
            switch (a.type()) {
                case NFTA_COUNTER_BYTES -> bytes = a.u64Be();
                case NFTA_COUNTER_PACKETS -> packets = a.u64Be();
                default -> throw Expressions.unexpected("counter", a);
            }
        }
        if (bytes == null || packets == null) {
            throw Expressions.missing("counter", "bytes and packets");
        }
        return new Counter(packets, bytes);
    }

    private static Counter parse(DebugReader r) {
        r.expect("pkts");
        long packets = r.nextLong();
        r.expect("bytes");
        return new Counter(packets, r.nextLong());
    }
}
