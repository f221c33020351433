package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code -m multiport --sports|--dports|--ports LIST}: {@code struct xt_multiport_v1}, revision 1.
 *
 * @param flags       0 source, 1 destination, 2 either
 * @param ports       the ports (at most 15)
 * @param rangeStarts for each port, whether it starts a range that the next port ends
 * @param invert      whether the match is negated
 */
public record Multiport(int flags, List<Integer> ports, List<Boolean> rangeStarts, boolean invert) implements XtInfo {
    static final int SIZE = 48;
    private static final int MAX_PORTS = 15;

    /** Copies the lists and checks them: at most 15 ports, each with its range flag. */
    public Multiport {
        ports = List.copyOf(ports);
        rangeStarts = List.copyOf(rangeStarts);
        if (ports.size() > MAX_PORTS || rangeStarts.size() != ports.size()) {
            throw new IllegalArgumentException("multiport holds up to 15 ports, each with its range flag");
        }
    }

    /**
     * Decodes {@code struct xt_multiport_v1}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Multiport decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "multiport");
        int count = r.u8(1);
        if (count > MAX_PORTS) {
            throw r.malformed("count " + count + " is more than 15 ports");
        }
        List<Integer> ports = new ArrayList<>();
        List<Boolean> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(r.u16(2 + 2 * i));
            starts.add(r.u8(32 + i) != 0);
        }
        return new Multiport(r.u8(0), ports, starts, r.u8(47) != 0);
    }

    @Override
    public Optional<String> text(XtContext context) {
        String protocol = context.portProtocol();
        if (protocol == null) {
            return Optional.empty();
        }
        Xlate x = new Xlate().add(protocol);
        switch (flags) {
            case 0 -> x.add(" sport ");
            case 1 -> x.add(" dport ");
            case 2 -> {
                x.add(" sport . " + protocol + " dport { ");
                for (int i = 0; i < ports.size(); i++) {
                    if (i != 0) {
                        x.add(", ");
                    }
                    x.add("0-65535 . " + ports.get(i) + ", " + ports.get(i) + " . 0-65535");
                }
                return Optional.of(x.add(" }").text());
            }
            default -> {
                // libxtables adds nothing for other flags: the ports follow the protocol name
            }
        }
        if (invert) {
            x.add("!= ");
        }
        int count = ports.size();
        boolean braces = count > 2 || count > 1 && !rangeStarts.getFirst();
        if (braces) {
            x.add("{ ");
        }
        for (int i = 0; i < count; i++) {
            x.add((i != 0 ? ", " : "") + ports.get(i));
            if (rangeStarts.get(i)) {
                if (i + 1 >= count) {
                    // the range's end lies past the ports in use: libxtables reads whatever is there
                    return Optional.empty();
                }
                x.add("-" + ports.get(++i));
            }
        }
        if (braces) {
            x.add("}");
        }
        return Optional.of(x.text());
    }
}
