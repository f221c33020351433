package nftlink.nftables.json;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.Bytes;
import nftlink.nftables.QueueFlag;
import nftlink.nftables.expr.Meta;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.MetaField;
import nftlink.nftables.lang.PayloadField;
import nftlink.nftables.lang.Statement;

import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.KernelFlag;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;

/** Reads the statements that hand a packet elsewhere: dup, fwd, queue, tproxy and synproxy. */
final class JsonForwardReader {

    private final JsonParseContext context;

    JsonForwardReader(JsonParseContext context) {
        this.context = context;
    }

    /** {@code {"queue": {"num": N | {"range": [LOW, HIGH]} | FIELD, "flags": [...]}}}. */
    Statement queue(Node body) {
        if (body.isNull()) {
            // {"queue": null}: queue 0
            return new Statement.QueueStatement(0, 0, Set.of(), null);
        }
        body.only(Set.of("num", "flags"));
        int first = 0;
        int last = 0;
        Field source = null;
        Node num = body.optional("num");
        if (num != null) {
            if (num.value() instanceof JsonValue.Obj && !num.single().getKey().equals("range")) {
                source = context.fields.field(num);
            } else if (num.value() instanceof JsonValue.Num) {
                first = (int) num.number(0xffff);
                last = first;
            } else {
                List<Node> range = num.member("range").array();
                if (range.size() != 2) {
                    throw num.error("expected {\"range\": [LOW, HIGH]}");
                }
                first = (int) range.get(0).number(0xffff);
                last = (int) range.get(1).number(0xffff);
            }
        }
        Set<QueueFlag> flags = EnumSet.noneOf(QueueFlag.class);
        Node f = body.optional("flags");
        if (f != null) {
            for (Node flag : f.arrayOrSingle()) {
                flags.add(QueueFlag.named(flag.string()).orElseThrow(() -> flag.error("unknown queue flag (bypass, fanout)")));
            }
        }
        int a = first;
        int b = last;
        Set<QueueFlag> fl = flags;
        Field s = source;
        return at(body, () -> new Statement.QueueStatement(a, b, fl, s));
    }

    /** {@code {"tproxy": {"family": FAMILY, "addr": ADDRESS, "port": PORT}}}. */
    Statement tproxy(Node body) {
        body.only(Set.of("family", "addr", "port"));
        Node fam = body.optional("family");
        int family = fam == null ? 0 : switch (fam.string()) {
            case "ip" -> NfTablesUapi.NFPROTO_IPV4;
            case "ip6" -> NfTablesUapi.NFPROTO_IPV6;
            default -> throw fam.error("expected ip or ip6");
        };
        Node addr = body.optional("addr");
        Bytes address = addr == null ? null : address(addr);
        Node port = body.optional("port");
        Integer p = port == null ? null : (int) port.number(0xffff);
        return at(body, () -> new Statement.TproxyStatement(family, address, p));
    }

    /** {@code {"synproxy": null}} or {@code {"synproxy": {"mss": N, "wscale": N, "flags": [...]}}}. */
    static Statement synproxy(Node body) {
        if (body.isNull()) {
            // {"synproxy": null}: no options
            return new Statement.SynproxyStatement(null, null, Set.of());
        }
        ObjectDefinition.Synproxy options = JsonObjects.synproxy(body);
        int bits = options.flags();
        return new Statement.SynproxyStatement((bits & NfTablesUapi.NF_SYNPROXY_OPT_MSS) == 0 ? null : options.mss(),
                (bits & NfTablesUapi.NF_SYNPROXY_OPT_WSCALE) == 0 ? null : options.wscale(),
                KernelFlag.of(SynproxyFlag.class, bits));
    }

    /** An IPv4 or IPv6 address, as it is written. */
    private Bytes address(Node node) {
        String text = node.string();
        return at(node, () -> (text.contains(":") ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR).parse(text, 0));
    }

    /** A field of interface indexes, standing for the data type of a map of devices. */
    private static final Field DEVICE_TARGET = new MetaField(Meta.Key.IIF, Datatype.IFINDEX);

    /** An interface index, or the index of the interface named. */
    private int device(Node node) {
        if (node.value() instanceof JsonValue.Num) {
            return (int) node.number(0xffffffffL);
        }
        String name = node.string();
        return at(node, () -> context.interfaces.indexOrNumber(name));
    }

    /** {@code {"dup": {"addr": ADDRESS, "dev": DEVICE}}}, either from a map. */
    Statement dup(Family family, Node body) {
        body.only(Set.of("addr", "dev"));
        Node addr = body.optional("addr");
        Node dev = body.optional("dev");
        if (family == Family.NETDEV && dev == null && addr != null) {
            // nft writes a netdev dup's device as its "addr"
            if (JsonMapReader.isMap(addr)) {
                Field devices = context.maps.mapLookup(addr.single().getValue(), DEVICE_TARGET);
                return at(body, () -> new Statement.DupStatement(null, null, null, devices));
            }
            int device = device(addr);
            return new Statement.DupStatement(null, device);
        }
        if (addr != null && JsonMapReader.isMap(addr)) {
            Field addresses = context.maps.mapLookup(addr.single().getValue(), family == Family.IP6 ? PayloadField.IP6_SADDR : PayloadField.IP_SADDR);
            Integer device = dev == null ? null : device(dev);
            return at(body, () -> new Statement.DupStatement(null, device, addresses, null));
        }
        Bytes address = addr == null ? null : address(addr);
        Integer device = dev == null ? null : device(dev);
        return at(body, () -> new Statement.DupStatement(address, device));
    }

    /** {@code {"fwd": {"dev": DEVICE, "family": FAMILY, "addr": ADDRESS}}}, the device also from a map. */
    Statement fwd(Node body) {
        body.only(Set.of("dev", "family", "addr"));
        if (JsonMapReader.isMap(body.member("dev")) && body.optional("addr") == null) {
            Field devices = context.maps.mapLookup(body.member("dev").single().getValue(), DEVICE_TARGET);
            return at(body, () -> new Statement.FwdStatement(0, null, devices));
        }
        int device = device(body.member("dev"));
        Node addr = body.optional("addr");
        Bytes address = addr == null ? null : address(addr);
        return at(body, () -> new Statement.FwdStatement(device, address));
    }
}
