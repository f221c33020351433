package nftlink.rtnetlink;

import nftlink.netlink.RawAttribute;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Codec properties: generated links, addresses, routes and rules survive
 * encode/decode unchanged, and arbitrary or truncated messages either decode or
 * fail with {@link NetlinkDecodeException}, never anything else.
 */
class CodecProperties {

    private static final List<Function<NetlinkMessage, ?>> DECODERS =
            List.of(Link::decode, Address::decode, Route::decode, FibRule::decode);

    @Property(tries = 300)
    void linksRoundTrip(@ForAll("links") Link link) {
        MessageWriter w = new MessageWriter();
        RtMessages.newLink(w, 7, link);
        assertEquals(link, Link.decode(NetlinkMessage.parseOne(w.toByteArray())));
    }

    @Property(tries = 300)
    void addressesRoundTrip(@ForAll("addresses") Address address) {
        MessageWriter w = new MessageWriter();
        RtMessages.newAddress(w, 7, address, RtMessages.CREATE_EXCLUSIVE);
        assertEquals(address, Address.decode(NetlinkMessage.parseOne(w.toByteArray())));
    }

    @Property(tries = 300)
    void routesRoundTrip(@ForAll("routes") Route route) {
        MessageWriter w = new MessageWriter();
        RtMessages.newRoute(w, 7, route, RtMessages.CREATE_EXCLUSIVE);
        assertEquals(route, Route.decode(NetlinkMessage.parseOne(w.toByteArray())));
    }

    @Property(tries = 300)
    void rulesRoundTrip(@ForAll("rules") FibRule rule) {
        MessageWriter w = new MessageWriter();
        RtMessages.newRule(w, 7, rule);
        assertEquals(rule, FibRule.decode(NetlinkMessage.parseOne(w.toByteArray())));
    }

    @Property(tries = 500)
    void arbitraryPayloadsFailOnlyWithDecodeException(@ForAll byte[] payload) {
        byte[] message = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.nativeOrder())
                .putInt(16 + payload.length).putShort((short) RtnetlinkUapi.RTM_NEWLINK).putShort((short) 0).putInt(1).putInt(0)
                .put(payload).array();
        for (Function<NetlinkMessage, ?> decoder : DECODERS) {
            decodeOrDecodeException(decoder, message);
        }
    }

    @Property(tries = 300)
    void truncatedMessagesFailOnlyWithDecodeException(@ForAll("encodedObjects") byte[] encoded,
                                                      @ForAll("fractions") double fraction) {
        int length = Math.max(16, (int) (encoded.length * fraction));
        byte[] cut = new byte[length];
        System.arraycopy(encoded, 0, cut, 0, length);
        ByteBuffer.wrap(cut).order(ByteOrder.nativeOrder()).putInt(0, length);
        for (Function<NetlinkMessage, ?> decoder : DECODERS) {
            decodeOrDecodeException(decoder, cut);
        }
    }

    @Property(tries = 300)
    void corruptedAttributesFailOnlyWithDecodeException(@ForAll("encodedObjects") byte[] encoded,
                                                        @ForAll("fractions") double where, @ForAll byte value) {
        byte[] bad = encoded.clone();
        bad[16 + (int) ((bad.length - 16) * where * 0.999)] = value;
        for (Function<NetlinkMessage, ?> decoder : DECODERS) {
            decodeOrDecodeException(decoder, bad);
        }
    }

    private static void decodeOrDecodeException(Function<NetlinkMessage, ?> decoder, byte[] bytes) {
        try {
            decoder.apply(NetlinkMessage.parseOne(bytes));
        } catch (NetlinkDecodeException expected) {
            // the only acceptable failure
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<byte[]> encodedObjects() {
        return Arbitraries.oneOf(
                links().map(l -> encode(w -> RtMessages.newLink(w, 1, l))),
                addresses().map(a -> encode(w -> RtMessages.newAddress(w, 1, a, RtMessages.CREATE_EXCLUSIVE))),
                routes().map(r -> encode(w -> RtMessages.newRoute(w, 1, r, RtMessages.CREATE_EXCLUSIVE))),
                rules().map(r -> encode(w -> RtMessages.newRule(w, 1, r))));
    }

    private static byte[] encode(java.util.function.Consumer<MessageWriter> writer) {
        MessageWriter w = new MessageWriter();
        writer.accept(w);
        return w.toByteArray();
    }

    static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-', '_', '.')
                .ofMinLength(1).ofMaxLength(15).filter(s -> !s.equals(".") && !s.equals(".."));
    }

    static Arbitrary<List<RawAttribute>> raws(Set<Integer> excludedTypes) {
        Arbitrary<RawAttribute> one = Combinators.combine(
                Arbitraries.integers().between(1, 0xffff).filter(t -> !excludedTypes.contains(t)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(24)).as(RawAttribute::new);
        return one.list().ofMaxSize(3);
    }

    static Arbitrary<InetAddress> addresses(IpFamily family) {
        return Arbitraries.bytes().array(byte[].class).ofSize(family.addressLength()).map(b -> {
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
    }

    static Arbitrary<Prefix> prefixes(IpFamily family, int minLength) {
        return Combinators.combine(addresses(family), Arbitraries.integers().between(minLength, family.maxPrefixLength()))
                .as((a, l) -> l == 0 ? new Prefix(RtAttributes.any(family), 0) : new Prefix(a, l));
    }

    static Arbitrary<Long> u32OrAbsent() {
        return Arbitraries.oneOf(Arbitraries.just(-1L), Arbitraries.longs().between(0, 0xffffffffL));
    }

    @Provide
    Arbitrary<Link> links() {
        Arbitrary<LinkKind> kinds = Arbitraries.oneOf(
                Arbitraries.integers().filter(t -> t != 0).map(LinkKind.Vrf::new),
                names().injectNull(0.3).map(LinkKind.Veth::new),
                Combinators.combine(Arbitraries.integers().injectNull(0.5), Arbitraries.of(true, false).injectNull(0.5),
                        raws(Set.of(IfLink.IFLA_BR_STP_STATE, IfLink.IFLA_BR_VLAN_FILTERING))).as(LinkKind.Bridge::new),
                Arbitraries.just(new LinkKind.Dummy()),
                Combinators.combine(Arbitraries.integers(), raws(Set.of(IfLink.IFLA_MACVLAN_MODE)))
                        .as((mode, other) -> new LinkKind.Macvlan(mode, other)),
                Combinators.combine(names().filter(n -> !Set.of("vrf", "veth", "bridge", "dummy", "macvlan").contains(n)),
                        raws(Set.of())).as(LinkKind.Other::new));
        Arbitrary<SlaveInfo> slaves = Combinators.combine(names(), raws(Set.of())).as(SlaveInfo::new).injectNull(0.6);
        Arbitrary<List<RawAttribute>> unknown = raws(Set.of(IfLink.IFLA_IFNAME, IfLink.IFLA_MTU, IfLink.IFLA_LINK,
                IfLink.IFLA_MASTER, IfLink.IFLA_LINKINFO, IfLink.IFLA_LINKINFO | nftlink.netlink.Netlink.NLA_F_NESTED));
        return Combinators.combine(
                Arbitraries.integers(), names(), Arbitraries.integers().between(0, 0xffff), Arbitraries.integers(),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers(), Arbitraries.integers(),
                kinds.injectNull(0.2)).as((index, name, type, flags, mtu, master, parent, kind) ->
                        new Link(index, name, type, flags, mtu, master, parent, kind, null, List.of()))
                .flatMap(l -> Combinators.combine(slaves, unknown).as((s, u) ->
                        new Link(l.index(), l.name(), l.type(), l.flags(), l.mtu(), l.master(), l.parent(), l.kind(), s, u)));
    }

    @Provide
    Arbitrary<Address> addresses() {
        return Arbitraries.of(IpFamily.values()).flatMap(family -> Combinators.combine(
                Arbitraries.integers(), prefixes(family, 0), addresses(family).injectNull(0.5),
                Arbitraries.integers().between(0, 255), Arbitraries.integers(), names().injectNull(0.5),
                raws(Set.of(IfAddr.IFA_ADDRESS, IfAddr.IFA_LOCAL, IfAddr.IFA_LABEL, IfAddr.IFA_FLAGS)))
                .as(Address::new));
    }

    @Provide
    Arbitrary<Route> routes() {
        return Arbitraries.of(IpFamily.values()).flatMap(family -> Combinators.combine(
                prefixes(family, 0), prefixes(family, 1).injectNull(0.7), Arbitraries.integers().between(0, 255),
                Arbitraries.integers(), Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                Arbitraries.of(RouteType.values()), Arbitraries.integers()).as((dst, src, tos, table, proto, scope, type, flags) ->
                        Route.ofType(type, dst, table))
                .flatMap(base -> Combinators.combine(prefixes(family, 1).injectNull(0.7), Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255), Arbitraries.integers(),
                        addresses(family).injectNull(0.5), Arbitraries.integers(), u32OrAbsent())
                        .as((src, tos, proto, scope, flags, gw, oif, metric) -> new Route(family, base.destination(), src,
                                tos, base.table(), proto, scope, base.type(), flags, gw, oif, metric, null, List.of())))
                .flatMap(r -> Combinators.combine(addresses(family).injectNull(0.7), raws(Set.of(RtnetlinkUapi.RTA_DST,
                                RtnetlinkUapi.RTA_SRC, RtnetlinkUapi.RTA_OIF, RtnetlinkUapi.RTA_GATEWAY, RtnetlinkUapi.RTA_PRIORITY,
                                RtnetlinkUapi.RTA_PREFSRC, RtnetlinkUapi.RTA_TABLE)))
                        .as((prefsrc, unknown) -> new Route(family, r.destination(), r.source(), r.tos(), r.table(),
                                r.protocol(), r.scope(), r.type(), r.flags(), r.gateway(), r.oif(), r.metric(), prefsrc,
                                unknown))));
    }

    @Provide
    Arbitrary<FibRule> rules() {
        Arbitrary<UidRange> uids = Arbitraries.integers().list().ofSize(2).map(l -> {
            int a = l.get(0);
            int b = l.get(1);
            return Integer.compareUnsigned(a, b) <= 0 ? new UidRange(a, b) : new UidRange(b, a);
        });
        Arbitrary<PortRange> ports = Arbitraries.integers().between(0, 0xffff).list().ofSize(2)
                .map(l -> new PortRange(Math.min(l.get(0), l.get(1)), Math.max(l.get(0), l.get(1))));
        return Arbitraries.of(IpFamily.values()).flatMap(family -> Combinators.combine(
                        u32OrAbsent(), Arbitraries.integers(), Arbitraries.of(RuleAction.values()),
                        prefixes(family, 1).injectNull(0.5), prefixes(family, 1).injectNull(0.5),
                        Arbitraries.integers().between(0, 255), names().injectNull(0.5), names().injectNull(0.5))
                .as((priority, table, action, from, to, tos, iif, oif) -> new FibRule(family, priority, table, action, from, to,
                        tos, iif, oif, -1, -1, false, null, -1, 0, null, null, 0, List.of()))
                .flatMap(r -> Combinators.combine(u32OrAbsent(), u32OrAbsent(), Arbitraries.of(true, false),
                                uids.injectNull(0.5), Arbitraries.integers().between(-1, 255),
                                Arbitraries.integers().between(0, 255), ports.injectNull(0.5), ports.injectNull(0.5))
                        .as((mark, mask, l3mdev, uid, protocol, ipProto, sport, dport) -> new FibRule(family, r.priority(),
                                r.table(), r.action(), r.from(), r.to(), r.tos(), r.iif(), r.oif(), mark, mask, l3mdev, uid,
                                protocol, ipProto, sport, dport, 0, List.of())))
                .flatMap(r -> Combinators.combine(Arbitraries.integers(), raws(Set.of(1, 2, 3, 6, 10, 15, 16, 17, 19, 20,
                                21, 22, 23, 24)))
                        .as((flags, unknown) -> new FibRule(family, r.priority(), r.table(), r.action(), r.from(), r.to(),
                                r.tos(), r.iif(), r.oif(), r.fwmark(), r.fwmask(), r.l3mdev(), r.uidRange(), r.protocol(),
                                r.ipProto(), r.sport(), r.dport(), flags, unknown))));
    }
}
