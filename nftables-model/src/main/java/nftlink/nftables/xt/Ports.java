package nftlink.nftables.xt;

/** A port range of the tcp and udp matches, as their translations print it. */
record Ports(int min, int max) {

    /** Whether the range is all ports, not negated: the translation leaves it out. */
    boolean skipped(boolean inverted) {
        return min == 0 && max == 0xffff && !inverted;
    }

    /** {@code PROTO KEY [!= ]MIN[-MAX]}. */
    String text(String protocol, String key, boolean inverted) {
        return protocol + " " + key + " " + (inverted ? "!= " : "") + (min != max ? min + "-" + max : Integer.toString(min));
    }
}
