package nftlink.nftables.parse;

import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;

/**
 * The target of {@code snat}/{@code dnat}/{@code masquerade}/{@code redirect}:
 * {@code ADDR[-ADDR][:PORT[-PORT]]}, {@code [V6ADDR]:PORT}, {@code :PORT}.
 */
record NatTarget(Bytes addressMin, Bytes addressMax, Integer portMin, Integer portMax) {

    static NatTarget parse(Token t, int addressLength) {
        String s = t.text();
        String addresses;
        String ports = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw Cursor.error(t, "missing ']' after the IPv6 address");
            }
            addresses = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith("-[")) {
                // [LOW]-[HIGH][:PORT]
                int end = rest.indexOf(']');
                if (end < 0) {
                    throw Cursor.error(t, "missing ']' after the IPv6 address");
                }
                addresses = addresses + "-" + rest.substring(2, end);
                rest = rest.substring(end + 1);
            } else if (rest.startsWith("/") && rest.indexOf(':') < 0) {
                // [ADDR]/LEN
                addresses = addresses + rest;
                rest = "";
            }
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw Cursor.error(t, "expected :PORT after ']'");
                }
                ports = rest.substring(1);
            }
        } else if (s.startsWith(":") && !s.startsWith("::")) {
            addresses = "";
            ports = s.substring(1);
        } else if (addressLength == 4) {
            int colon = s.indexOf(':');
            addresses = colon < 0 ? s : s.substring(0, colon);
            ports = colon < 0 ? null : s.substring(colon + 1);
        } else {
            addresses = s;
        }
        Bytes min = null;
        Bytes max = null;
        if (!addresses.isEmpty()) {
            Datatype type = addressLength == 4 ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR;
            int slash = addresses.indexOf('/');
            if (slash > 0) {
                Bytes[] bounds = prefix(t, type, addresses.substring(0, slash), addresses.substring(slash + 1), addressLength);
                min = bounds[0];
                max = bounds[1];
            } else {
                int dash = addresses.indexOf('-');
                String low = dash < 0 ? addresses : addresses.substring(0, dash);
                String high = dash < 0 ? addresses : addresses.substring(dash + 1);
                min = Cursor.at(t, () -> type.parse(low, addressLength));
                max = Cursor.at(t, () -> type.parse(high, addressLength));
            }
        }
        Integer pMin = null;
        Integer pMax = null;
        if (ports != null) {
            int dash = ports.indexOf('-');
            pMin = port(t, dash < 0 ? ports : ports.substring(0, dash));
            pMax = port(t, dash < 0 ? ports : ports.substring(dash + 1));
        }
        if (min == null && pMin == null) {
            throw Cursor.error(t, "expected an address or a port");
        }
        return new NatTarget(min, max, pMin, pMax);
    }

    /** {@code ADDR/LEN} as the first and last address of the prefix. */
    private static Bytes[] prefix(Token t, Datatype type, String address, String bits, int length) {
        Bytes a = Cursor.at(t, () -> type.parse(address, length));
        int n;
        try {
            n = Integer.parseInt(bits);
        } catch (NumberFormatException e) {
            throw Cursor.error(t, "not a prefix length: " + bits);
        }
        if (n < 0 || n > length * 8) {
            throw Cursor.error(t, "prefix length " + n + " out of range (0 to " + length * 8 + ")");
        }
        byte[] low = a.toArray();
        byte[] high = a.toArray();
        for (int i = 0; i < length; i++) {
            int keep = Math.max(0, Math.min(8, n - 8 * i));
            int mask = (0xff << (8 - keep)) & 0xff;
            low[i] = (byte) (low[i] & mask);
            high[i] = (byte) (high[i] | ~mask);
        }
        return new Bytes[]{Bytes.of(low), Bytes.of(high)};
    }

    private static int port(Token t, String text) {
        return Cursor.at(t, () -> (int) Datatype.INET_SERVICE.parse(text, 2).asBigEndian());
    }
}
