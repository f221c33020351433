package nftlink.nftables.lang;

import nftlink.nftables.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Connection-tracking states, the bits of {@code ct state}. */
public enum CtState {
    /** {@code invalid}: the packet could not be tracked. */
    INVALID("invalid", 1),
    /** {@code established}: packets were seen in both directions. */
    ESTABLISHED("established", 2),
    /** {@code related}: a new connection expected by another one (FTP data, ICMP errors). */
    RELATED("related", 4),
    /** {@code new}: the first packet of a connection. */
    NEW("new", 8),
    /** {@code untracked}: tracking was turned off with {@code notrack}. */
    UNTRACKED("untracked", 64);


    private final String text;
    private final int bit;

    CtState(String text, int bit) {
        this.text = text;
        this.bit = bit;
    }

    /**
     * nft's name.
     *
     * @return the name
     */
    public String text() {
        return text;
    }

    /**
     * The bit in the kernel's state mask.
     *
     * @return the bit
     */
    public int bit() {
        return bit;
    }

    /**
     * The mask of {@code states}, as register bytes (host order).
     *
     * @param states the states
     * @return the mask, 4 bytes
     */
    public static Bytes mask(CtState... states) {
        int m = 0;
        for (CtState s : states) {
            m |= s.bit;
        }
        return Bytes.u32(m);
    }

    /**
     * Parses {@code established,related} (or the bits as a number, {@code 8} for new).
     *
     * @param text the states as nft writes them
     * @return the mask, 4 bytes
     */
    public static Bytes parse(String text) {
        if (isNumber(text.strip())) {
            long bits = Long.decode(text.strip());
            if (bits > 0xffffffffL) {
                throw new IllegalArgumentException("ct state " + text + " is out of range");
            }
            return Bytes.u32((int) bits);
        }
        List<CtState> states = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            CtState found = null;
            for (CtState s : values()) {
                if (s.text.equals(p)) {
                    found = s;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown ct state \"" + p + "\"");
            }
            states.add(found);
        }
        return mask(states.toArray(CtState[]::new));
    }

    /**
     * Renders a mask as nft does: names in bit order joined by commas, unknown bits in hex.
     *
     * @param mask the state mask
     * @return the text
     */
    public static String render(int mask) {
        String flagged = OutputFlags.current().ctState(mask);
        if (flagged != null) {
            return flagged;
        }
        StringJoiner j = new StringJoiner(",");
        int rest = mask;
        for (CtState s : values()) {
            if ((mask & s.bit) != 0) {
                j.add(s.text);
                rest &= ~s.bit;
            }
        }
        if (rest != 0) {
            j.add(String.format("0x%x", rest));
        }
        return j.toString();
    }

    /** Whether {@code text} is a decimal or {@code 0x} hexadecimal number: a loop, as every ct state match asks it. */
    private static boolean isNumber(String text) {
        boolean hex = text.startsWith("0x");
        int from = hex ? 2 : 0;
        if (text.length() == from) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!(ch >= '0' && ch <= '9' || hex && (ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
