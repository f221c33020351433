package nftlink.nftables.json;

import java.util.List;
import java.util.Set;
import nftlink.nftables.Family;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.NatFlag;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.Statement;

/**
 * Writes the address and port translation statements (snat, dnat, masquerade, redirect) as nft 1.1.3's JSON.
 *
 * @param renderer the renderer whose options (cgroup paths, interface names, stateless) this writer follows
 */
record JsonNatWriter(JsonRenderer renderer) {

    /** A snat or dnat statement: the family where nft writes it, the address (computed, prefix or range), the port and the flags. */
    JsonValue nat(Statement.NatStatement n, Family family) {
        JsonValue.ObjectBuilder b = JsonValue.object();
        if (n.addressSource() != null) {
            if (family == Family.INET || n.sourcesPort() || n.sourcesRanges()) {
                b.put("family", n.addressLength() == 16 ? "ip6" : "ip");
            }
            b.put("addr", renderer.field(n.addressSource()));
        }
        if (n.addressMin() != null) {
            Datatype type = n.addressMin().length() == 4 ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR;
            if (family == Family.INET) {
                b.put("family", type == Datatype.IPV4_ADDR ? "ip" : "ip6");
            }
            JsonValue low = JsonDatatypeValues.render(type, n.addressMin());
            int prefix = RuleRenderer.prefixLength(n.addressMin(), n.addressMax());
            b.put("addr", n.addressMin().equals(n.addressMax()) ? low : prefix >= 0
                    ? JsonValue.single("prefix", JsonValue.object().put("addr", low).put("len", JsonValue.of(prefix)).build())
                    : JsonValue.single("range", JsonValue.array(low, JsonDatatypeValues.render(type, n.addressMax()))));
        }
        if (n.portMin() != null) {
            b.put("port", ports(n.portMin(), n.portMax()));
        }
        JsonValue flags = natFlags(n.flags());
        if (flags != null) {
            b.put("flags", flags);
        }
        if (n.netmap()) {
            b.put("type_flags", "prefix");
        }
        return JsonValue.single(n.destination() ? "dnat" : "snat", b.build());
    }

    /** A masquerade or redirect statement: its port (range) and flags, {@code null} without either. */
    static JsonValue natPorts(String name, Integer min, Integer max, Set<NatFlag> flags) {
        JsonValue f = natFlags(flags);
        if (min == null && f == null) {
            return JsonValue.single(name, JsonValue.NULL);
        }
        JsonValue.ObjectBuilder b = JsonValue.object();
        if (min != null) {
            b.put("port", ports(min, max));
        }
        if (f != null) {
            b.put("flags", f);
        }
        return JsonValue.single(name, b.build());
    }

    /** The nat flags by name, one as a string, several as a list; {@code null} for none. */
    static JsonValue natFlags(Set<NatFlag> flags) {
        List<JsonValue> out = NatFlag.jsonNames(flags).stream().map(JsonValue::of).toList();
        return out.isEmpty() ? null : out.size() == 1 ? out.getFirst() : JsonValue.array(out);
    }

    /** A port, or a port range as {@code {"range": [MIN, MAX]}}. */
    static JsonValue ports(int min, int max) {
        return min == max ? JsonValue.of(min) : JsonValue.single("range", JsonValue.array(JsonValue.of(min), JsonValue.of(max)));
    }
}
