package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Optional;

/**
 * {@code -p icmp -m icmp --icmp-type T[/C]}: {@code struct ipt_icmp}, revision 0 (IPv4).
 * libxtables translates a whole type only (a code range covering every code); a single
 * code, as in {@code 3/4}, has no translation.
 *
 * @param type    the ICMP type (0xff: any)
 * @param codeMin lowest code
 * @param codeMax highest code
 * @param invert  whether the match is negated
 */
public record Icmp(int type, int codeMin, int codeMax, boolean invert) implements XtInfo {
    static final int SIZE = 4;

    /**
     * Decodes {@code struct ipt_icmp}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static Icmp decode(Bytes info) {
        StructReader r = StructReader.of(info, SIZE, "icmp");
        return new Icmp(r.u8(0), r.u8(1), r.u8(2), (r.u8(3) & 1) != 0);
    }

    @Override
    public Optional<String> text(XtContext context) {
        if (type == 0xff) {
            return Optional.of("ip protocol icmp");
        }
        String name = codeMin != codeMax ? IcmpNames.find(IcmpNames.ICMP, type, codeMin, codeMax) : null;
        return name == null ? Optional.empty()
                : Optional.of(new Xlate().add("icmp type" + (invert ? " !=" : "") + " ").add(name).text());
    }
}
