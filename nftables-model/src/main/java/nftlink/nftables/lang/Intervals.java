package nftlink.nftables.lang;

import nftlink.netlink.NftlinkException;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The elements the kernel takes for an interval set or map: each interval's start element, and an
 * end marker at the first key past it. As nft writes them, a start before the first interval closes
 * the space below it, and an interval that runs to the end of the key space gets no end marker but
 * nft's open-interval flag.
 */
public final class Intervals {
    private Intervals() {
    }

    /**
     * One interval: its bounds (inclusive, as big-endian numbers) and its start element with
     * whatever it carries (data, timeout, comment); the start element's key is the low bound.
     *
     * @param low the first value, as a big-endian number
     * @param high the last value, as a big-endian number
     * @param start the element that starts the interval
     */
    public record Interval(BigInteger low, BigInteger high, SetElement start) {
    }

    /** Intervals overlap: the one at {@code index} (in the order given) starts inside the previous one. */
    public static final class OverlapException extends NftlinkException {
        /** The position of the interval that overlaps the one before it. */
        private final int index;

        OverlapException(int index) {
            super("interval overlaps with an existing one");
            this.index = index;
        }

        /**
         * The position of the interval that overlaps the one before it.
         *
         * @return the index, from 0
         */
        public int index() {
            return index;
        }
    }

    /**
     * The elements of {@code intervals}, sorted by their low bound.
     *
     * @param length        key bytes
     * @param closeAdjacent whether an interval the next one follows directly still gets its end marker
     *                      (named sets, as nft 1.0.6 writes them) or not (anonymous maps, as nft writes them)
     * @param intervals the intervals
     * @return the elements
     * @throws OverlapException when an interval starts at or before the end of the previous one
     */
    public static List<SetElement> elements(List<Interval> intervals, int length, boolean closeAdjacent) {
        BigInteger max = BigInteger.ONE.shiftLeft(8 * length).subtract(BigInteger.ONE);
        List<SetElement> out = new ArrayList<>();
        if (!intervals.isEmpty() && intervals.getFirst().low().signum() != 0) {
            out.add(SetElement.intervalEnd(bytes(BigInteger.ZERO, length)));
        }
        for (int k = 0; k < intervals.size(); k++) {
            Interval i = intervals.get(k);
            if (k > 0 && i.low().compareTo(intervals.get(k - 1).high()) <= 0) {
                throw new OverlapException(k);
            }
            boolean open = i.high().equals(max);
            out.add(open ? i.start().asOpenInterval() : i.start());
            BigInteger next = k + 1 < intervals.size() ? intervals.get(k + 1).low() : null;
            if (!open && (closeAdjacent || next == null || !next.equals(i.high().add(BigInteger.ONE)))) {
                out.add(SetElement.intervalEnd(bytes(i.high().add(BigInteger.ONE), length)));
            }
        }
        return out;
    }

    /**
     * {@code v} as {@code length} big-endian bytes.
     *
     * @param v the number, not negative
     * @param length the number of bytes
     * @return the bytes
     */
    public static Bytes bytes(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return Bytes.of(out);
    }
}
