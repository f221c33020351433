package nftlink.nftables.xt;

import nftlink.nftables.Bytes;
import nftlink.nftables.TimeUnit;

import java.util.List;
import java.util.Optional;

/**
 * {@code -m limit --limit RATE --limit-burst N}: {@code struct xt_rateinfo}, revision 0 (the
 * kernel's own state after the first two fields lists as zeros).
 *
 * @param average the mean time between packets, in 1/10000 s
 * @param burst   the burst
 */
public record RateInfo(int average, int burst) implements XtInfo {
    static final int SIZE = 40;
    private static final long SCALE = 10000;
    /** The units libxt_limit translates to, longest first. */
    private static final List<TimeUnit> UNITS = List.of(TimeUnit.DAY, TimeUnit.HOUR, TimeUnit.MINUTE, TimeUnit.SECOND);

    /**
     * Decodes {@code struct xt_rateinfo}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static RateInfo decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "limit");
        return new RateInfo(r.u32(0), r.u32(4));
    }

    @Override
    public Optional<String> text(XtContext context) {
        Xlate x = new Xlate().add("limit rate");
        long period = Integer.toUnsignedLong(average);
        if (period == 0) {
            x.add(" inf");
        } else {
            int i = 1;
            while (i < UNITS.size() && !(period > scaled(i) || scaled(i) / period < scaled(i) % period)) {
                i++;
            }
            x.add(" " + scaled(i - 1) / period + "/" + UNITS.get(i - 1).nftName());
        }
        if (burst != 0) {
            x.add(" burst " + Xlate.unsigned(burst) + " packets");
        }
        return Optional.of(x.text());
    }

    /** The {@code i}th unit in the struct's 1/10000 s. */
    private static long scaled(int i) {
        return SCALE * UNITS.get(i).seconds();
    }
}
