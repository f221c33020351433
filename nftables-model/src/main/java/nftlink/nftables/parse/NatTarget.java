package nftlink.nftables.parse;

import nftlink.nftables.expr.Bytes;
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
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw Cursor.error(t, "expected :PORT after ']'");
                }
                ports = rest.substring(1);
            }
        } else if (s.startsWith(":")) {
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
            int dash = addresses.indexOf('-');
            String low = dash < 0 ? addresses : addresses.substring(0, dash);
            String high = dash < 0 ? addresses : addresses.substring(dash + 1);
            min = Cursor.at(t, () -> type.parse(low, addressLength));
            max = Cursor.at(t, () -> type.parse(high, addressLength));
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

    private static int port(Token t, String text) {
        return Cursor.at(t, () -> (int) Datatype.INET_SERVICE.parse(text, 2).asBigEndian());
    }
}
