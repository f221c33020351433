package nftlink.nftables.json;

import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.NatFlag;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;

/** Reads the address and port translations: snat, dnat, masquerade and redirect, also from maps. */
final class JsonNatReader {

    private final JsonParseContext context;

    JsonNatReader(JsonParseContext context) {
        this.context = context;
    }

    /**
     * The addresses of a nat from a map: {@code {"key": FIELD, "data": "@NAME" | {"set": [[KEY, ADDRESS |
     * {"concat": [ADDRESS, PORT]}], ...]}}}.
     */
    private Field natMap(Node body, Datatype address) {
        body.only(Set.of("key", "data"));
        Field key = context.fields.field(body.member("key"));
        Node data = body.member("data");
        if (data.value() instanceof JsonValue.Str s && s.value().startsWith("@")) {
            String name = s.value().substring(1);
            return at(body, () -> new MapLookupField(key, address, address.length(), List.of(), name));
        }
        // per entry: the lows and highs of the data's parts (ADDRESS or {"concat": [ADDRESS, PORT]}, each
        // also a {"range": [LOW, HIGH]} or an address {"prefix": ...})
        List<Node> keys = new ArrayList<>();
        List<List<Bytes>> lows = new ArrayList<>();
        List<List<Bytes>> highs = new ArrayList<>();
        boolean ranges = false;
        for (Node item : data.member("set").array()) {
            List<Node> pair = item.array();
            if (pair.size() != 2) {
                throw item.error("expected [KEY, DATA]");
            }
            Node value = pair.get(1);
            List<Node> parts = value.value() instanceof JsonValue.Obj o && o.members().containsKey("concat")
                    ? value.member("concat").array() : List.of(value);
            if (parts.size() > 2 || !lows.isEmpty() && parts.size() != lows.getFirst().size()) {
                throw value.error("all data of the map are ADDRESS or all are {\"concat\": [ADDRESS, PORT]}");
            }
            List<Bytes> low = new ArrayList<>();
            List<Bytes> high = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                Datatype type = i == 0 ? address : Datatype.INET_SERVICE;
                Field part = i == 0 ? (address == Datatype.IPV6_ADDR ? PayloadField.IP6_SADDR : PayloadField.IP_SADDR)
                        : PayloadField.TCP_DPORT;
                Value v = parts.get(i).value() instanceof JsonValue.Obj ? context.values.setItem(part, parts.get(i))
                        : new Value.Single(JsonDatatypeValues.parse(type, type.length(), parts.get(i).value(), parts.get(i).path()));
                switch (v) {
                    case Value.Single x -> {
                        low.add(x.bytes());
                        high.add(x.bytes());
                    }
                    case Value.Range r -> {
                        low.add(r.low());
                        high.add(r.high());
                        ranges = true;
                    }
                    case Value.Prefix p -> {
                        low.add(p.address());
                        high.add(p.last());
                        ranges = true;
                    }
                    default -> throw parts.get(i).error("not a value of the map's data");
                }
            }
            keys.add(pair.get(0));
            lows.add(low);
            highs.add(high);
        }
        boolean concatenated = !lows.isEmpty() && lows.getFirst().size() > 1;
        List<MapLookupField.Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Bytes bytes = ranges ? MapLookupField.rangeData(lows.get(i), highs.get(i))
                    : concatenated ? MapLookupField.concatData(lows.get(i)) : lows.get(i).getFirst();
            entries.add(context.maps.mapEntry(key, keys.get(i), bytes));
        }
        List<Datatype> types = concatenated ? List.of(address, Datatype.INET_SERVICE) : List.of(address);
        if (ranges) {
            return at(body, () -> MapLookupField.ranges(key, types, entries, null));
        }
        if (concatenated) {
            return at(body, () -> MapLookupField.concatenated(key, types, entries, null));
        }
        return at(body, () -> new MapLookupField(key, address, address.length(), entries, null));
    }

    /** A port or {@code {"range": [LOW, HIGH]}} as its lowest and highest port. */
    private static Integer[] ports(Node port) {
        if (port.value() instanceof JsonValue.Obj) {
            Map.Entry<String, Node> e = port.single();
            if (!e.getKey().equals("range")) {
                throw port.error("expected a port or {\"range\": [LOW, HIGH]}");
            }
            List<Node> b = e.getValue().array();
            if (b.size() != 2) {
                throw e.getValue().error("a range has two bounds, not " + b.size());
            }
            return new Integer[]{(int) b.get(0).number(0xffff), (int) b.get(1).number(0xffff)};
        }
        int p = (int) port.number(0xffff);
        return new Integer[]{p, p};
    }

    /** The nat flags named, none when {@code flags} is {@code null}. */
    private static Set<NatFlag> natFlags(Node flags) {
        if (flags == null) {
            return Set.of();
        }
        Set<NatFlag> out = EnumSet.noneOf(NatFlag.class);
        for (Node f : flags.arrayOrSingle()) {
            out.add(NatFlag.named(f.string()).orElseThrow(() -> f.error("unknown nat flag \"" + f.string()
                    + "\" (expected random, fully-random, persistent or netmap)")));
        }
        return out;
    }

    /** {@code {"snat": ...}} or {@code {"dnat": ...}}: to an address, range, prefix, computed address or map, with ports and flags. */
    Statement nat(Family family, boolean destination, Node body) {
        body.only(Set.of("family", "addr", "port", "flags", "type_flags"));
        typeFlags(body.optional("type_flags"));
        Datatype type = addressType(family, body.optional("family"));
        Node addr = body.optional("addr");
        if (addr != null && JsonMapReader.isMap(addr)) {
            if (type == null) {
                throw body.error("a nat from a map in a table of family " + family.nftName() + " needs \"family\": \"ip\" or \"ip6\"");
            }
            Field source = natMap(addr.single().getValue(), type);
            Set<NatFlag> flags = natFlags(body.optional("flags"));
            if (body.optional("port") != null) {
                throw body.member("port").error("a port with a map to addresses goes into the map's data (ADDRESS . PORT)");
            }
            return at(body, () -> new Statement.NatStatement(destination, null, null, null, null, flags, source));
        }
        if (addr != null && addr.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && !o.members().containsKey("range") && !o.members().containsKey("prefix")) {
            // an address computed from the packet: numgen or a hash
            Field source = context.fields.field(addr);
            Set<NatFlag> flags = natFlags(body.optional("flags"));
            return at(body, () -> new Statement.NatStatement(destination, null, null, null, null, flags, source));
        }
        Bytes[] bounds = addr == null ? new Bytes[]{null, null} : addressBounds(addr, type);
        Integer[] ports = {null, null};
        Node port = body.optional("port");
        if (port != null) {
            ports = ports(port);
        }
        Set<NatFlag> flags = natFlags(body.optional("flags"));
        Integer[] p = ports;
        return at(body, () -> new Statement.NatStatement(destination, bounds[0], bounds[1], p[0], p[1], flags));
    }

    /** Checks the nat type flags: {@code prefix} is the only one. */
    private static void typeFlags(Node typeFlags) {
        if (typeFlags != null) {
            for (Node f : typeFlags.arrayOrSingle()) {
                if (!f.string().equals("prefix")) {
                    throw f.error("unknown nat type flag \"" + f.string() + "\" (expected prefix)");
                }
            }
        }
    }

    /** The address type of a nat: its {@code family} member's, else the table's; {@code null} for an inet table. */
    private static Datatype addressType(Family family, Node familyNode) {
        if (familyNode != null) {
            return switch (familyNode.string()) {
                case "ip" -> Datatype.IPV4_ADDR;
                case "ip6" -> Datatype.IPV6_ADDR;
                default -> throw familyNode.error("expected ip or ip6");
            };
        } else if (family == Family.IP) {
            return Datatype.IPV4_ADDR;
        } else if (family == Family.IP6) {
            return Datatype.IPV6_ADDR;
        }
        return null;
    }

    /**
     * The lowest and highest address of a nat's {@code addr}: an address, {@code {"range": [LOW, HIGH]}} or
     * {@code {"prefix": {...}}}, of {@code type}, or (when {@code null}) of the type the address is written in.
     */
    private static Bytes[] addressBounds(Node addr, Datatype type) {
        if (addr.value() instanceof JsonValue.Obj o && o.members().containsKey("prefix")) {
            Node prefix = addr.member("prefix");
            prefix.only(Set.of("addr", "len"));
            Datatype t = type != null ? type : prefix.member("addr").string().contains(":") ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
            Bytes a = JsonDatatypeValues.parse(t, t.length(), prefix.member("addr").value(), prefix.member("addr").path());
            int len = (int) prefix.member("len").number(8L * t.length());
            Value.Prefix pv = at(prefix, () -> new Value.Prefix(a, len));
            return new Bytes[]{pv.address(), pv.last()};
        }
        Node lowNode = addr;
        Node highNode = addr;
        if (addr.value() instanceof JsonValue.Obj) {
            Map.Entry<String, Node> e = addr.single();
            if (!e.getKey().equals("range")) {
                throw addr.error("expected an address or {\"range\": [LOW, HIGH]}");
            }
            List<Node> b = e.getValue().array();
            if (b.size() != 2) {
                throw e.getValue().error("a range has two bounds, not " + b.size());
            }
            lowNode = b.get(0);
            highNode = b.get(1);
        }
        Datatype t = type != null ? type : lowNode.string().contains(":") ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR;
        return new Bytes[]{JsonDatatypeValues.parse(t, t.length(), lowNode.value(), lowNode.path()),
                JsonDatatypeValues.parse(t, t.length(), highNode.value(), highNode.path())};
    }

    /** {@code {"masquerade": ...}} or {@code {"redirect": ...}} with optional ports and flags; a redirect's port also from a map. */
    Statement masqueradeOrRedirect(String kind, Node body) {
        Integer[] ports = {null, null};
        Set<NatFlag> flags = Set.of();
        if (!body.isNull()) {
            body.only(Set.of("port", "flags"));
            Node port = body.optional("port");
            flags = natFlags(body.optional("flags"));
            if (port != null && kind.equals("redirect") && JsonMapReader.isMap(port)) {
                // redirect to a port from a map: {"map": {"key": FIELD, "data": {"set": [[K, PORT], ...]}}}
                Field source = context.maps.mapLookup(port.single().getValue(), PayloadField.TCP_DPORT);
                Set<NatFlag> f = flags;
                return at(body, () -> new Statement.RedirectStatement(null, null, f, source));
            }
            if (port != null) {
                ports = ports(port);
            }
        }
        return kind.equals("masquerade") ? new Statement.MasqueradeStatement(ports[0], ports[1], flags)
                : new Statement.RedirectStatement(ports[0], ports[1], flags);
    }
}
