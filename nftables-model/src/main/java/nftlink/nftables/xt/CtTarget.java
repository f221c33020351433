package nftlink.nftables.xt;

import nftlink.nftables.Bytes;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code -j CT} and {@code -j NOTRACK} (iptables-nft writes both as {@code CT}): {@code struct
 * xt_ct_target_info_v1}, revision 2. libxtables translates {@code --notrack} alone.
 *
 * @param flags     {@code XT_CT_*}: 1 notrack
 * @param zone      the conntrack zone
 * @param ctEvents  conntrack events to report
 * @param expEvents expectation events to report
 * @param helper    the helper's name, or empty
 * @param timeout   the timeout policy's name, or empty
 */
public record CtTarget(int flags, int zone, int ctEvents, int expEvents, String helper, String timeout) implements XtInfo {

    /** Checks the components: helper and timeout names must not be null. */
    public CtTarget {
        Objects.requireNonNull(helper, "helper");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Decodes {@code struct xt_ct_target_info_v1}.
     *
     * @param info the info bytes
     * @return the struct
     */
    public static CtTarget decode(Bytes info) {
        StructReader r = StructReader.of(info, 72, "CT");
        return new CtTarget(r.u16(0), r.u16(2), r.u32(4), r.u32(8), r.string(12, 16, false), r.string(28, 32, false));
    }

    @Override
    public Optional<String> text(XtContext context) {
        return (flags & 1) != 0 ? Optional.of("notrack") : Optional.empty();
    }
}
