package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.TimeUnit;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * {@code limit}: a token bucket; the rule goes on while the rate is not exceeded
 * (or, with {@code NFT_LIMIT_F_INV}, only once it is: {@code limit rate over}).
 *
 * @param rate  packets or bytes per {@code unit}
 * @param unit  the period in seconds (1, 60, 3600, 86400, 604800 for second to week)
 * @param burst extra packets or bytes allowed in a burst
 * @param type  {@code NFT_LIMIT_PKTS} or {@code NFT_LIMIT_PKT_BYTES}
 * @param flags {@code NFT_LIMIT_F_*}
 */
public record Limit(long rate, long unit, int burst, int type, int flags) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("limit", Limit::decode, Limit::parse);

    /**
     * {@code limit rate RATE/UNIT}: packets, libnftnl's default burst of 5.
     *
     * @param rate packets per unit
     * @param unitSeconds the unit in seconds
     * @return the expression
     */
    public static Limit packets(long rate, long unitSeconds) {
        return new Limit(rate, unitSeconds, 5, NFT_LIMIT_PKTS, 0);
    }

    /**
     * Whether the limit matches once the rate is exceeded ({@code limit rate over}).
     *
     * @return whether it is inverted
     */
    public boolean inverted() {
        return (flags & NFT_LIMIT_F_INV) != 0;
    }

    @Override
    public String name() {
        return "limit";
    }

    @Override
    public void writeData(MessageWriter w) {
        // the stateful object of this type holds the same attributes
        new ObjectDefinition.Limit(rate, unit, burst, type, flags).write(w);
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("limit rate ").append(Long.toUnsignedString(rate)).append('/').append(unitText(unit))
                .append(" burst ").append(Integer.toUnsignedString(burst))
                .append(" type ").append(type == NFT_LIMIT_PKT_BYTES ? "bytes" : "packets")
                .append(" flags 0x").append(Integer.toHexString(flags));
    }

    /** libnftnl's name for a period: {@code second} ... {@code week}, else {@code error}. */
    private static String unitText(long unit) {
        return TimeUnit.ofSeconds(unit).map(TimeUnit::nftName).orElse("error");
    }

    private static long unitOf(DebugReader r, String text) {
        return TimeUnit.named(text).orElseThrow(() -> r.error("unknown limit unit '" + text + "'")).seconds();
    }

    private static Limit decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_LIMIT_MAX);
        return new Limit(tb.require(NFTA_LIMIT_RATE).u64Be(), tb.require(NFTA_LIMIT_UNIT).u64Be(),
                tb.u32BeOr(NFTA_LIMIT_BURST, 0), tb.u32BeOr(NFTA_LIMIT_TYPE, NFT_LIMIT_PKTS), tb.u32BeOr(NFTA_LIMIT_FLAGS, 0));
    }

    private static Limit parse(DebugReader r) {
        r.expect("rate");
        String rateUnit = r.next();
        int slash = rateUnit.indexOf('/');
        if (slash < 0) {
            throw r.error("expected RATE/UNIT but found '" + rateUnit + "'");
        }
        long rate;
        try {
            rate = Long.parseUnsignedLong(rateUnit.substring(0, slash));
        } catch (NumberFormatException e) {
            throw r.error("bad rate '" + rateUnit + "'");
        }
        long unit = unitOf(r, rateUnit.substring(slash + 1));
        r.expect("burst");
        int burst = DebugText.u32(r);
        r.expect("type");
        String type = r.next();
        int typeNumber = switch (type) {
            case "packets" -> NFT_LIMIT_PKTS;
            case "bytes" -> NFT_LIMIT_PKT_BYTES;
            default -> throw r.error("unknown limit type '" + type + "'");
        };
        r.expect("flags");
        return new Limit(rate, unit, burst, typeNumber, DebugText.u32Hex(r));
    }
}
