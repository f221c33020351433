package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a link's master says about it ({@code IFLA_INFO_SLAVE_KIND} and
 * {@code IFLA_INFO_SLAVE_DATA}): for a port of a VRF, kind {@code vrf} and the
 * VRF's table.
 *
 * @param kind the master's kind, e.g. {@code vrf} or {@code bridge}
 * @param data the {@code IFLA_INFO_SLAVE_DATA} attributes, as they were
 */
public record SlaveInfo(String kind, List<RawAttribute> data) {

    /** Checks the components: {@code kind} not null; copies the data. */
    public SlaveInfo {
        Objects.requireNonNull(kind, "kind");
        data = List.copyOf(data);
    }

    /**
     * For a VRF port, the VRF's table ({@code IFLA_VRF_PORT_TABLE}).
     *
     * @return the table, or empty
     */
    public OptionalInt vrfTable() {
        if (!kind.equals("vrf")) {
            return OptionalInt.empty();
        }
        for (RawAttribute a : data) {
            if (a.type() == IfLink.IFLA_VRF_PORT_TABLE && a.value().length == 4) {
                return OptionalInt.of(ByteBuffer.wrap(a.value()).order(ByteOrder.nativeOrder()).getInt());
            }
        }
        return OptionalInt.empty();
    }
}
