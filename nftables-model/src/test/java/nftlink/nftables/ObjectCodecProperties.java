package nftlink.nftables;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.lang.FlowtableRenderer;
import nftlink.nftables.lang.ObjectRenderer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Objects and flowtables survive encode/decode; garbage fails with the library's exception only. */
class ObjectCodecProperties {

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('_', '-', '.').ofMinLength(1).ofMaxLength(40);
    }

    private static Arbitrary<String> comments() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().alpha().numeric().withChars(' ', '-').ofMaxLength(60));
    }

    private static Arbitrary<List<RawAttribute>> unknown(int firstUnknownType) {
        return Combinators.combine(Arbitraries.integers().between(firstUnknownType, 200),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(12))
                .as(RawAttribute::new).list().ofMaxSize(2);
    }

    private static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xff);
    }

    private static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    @Provide
    Arbitrary<ObjectDefinition> data() {
        Arbitrary<Long> longs = Arbitraries.longs();
        Arbitrary<Integer> ints = Arbitraries.integers();
        return Arbitraries.oneOf(
                Combinators.combine(longs, longs).as(ObjectDefinition.Counter::new),
                Combinators.combine(longs, longs, ints).as(ObjectDefinition.Quota::new),
                Combinators.combine(longs, longs, ints, ints, ints).as(ObjectDefinition.Limit::new),
                Combinators.combine(names(), u16(), u8()).as(ObjectDefinition.CtHelper::new),
                Combinators.combine(u16(), u8(), ints.list().ofMaxSize(12)).as(ObjectDefinition.CtTimeout::new),
                Combinators.combine(u16(), u8(), u16(), ints, u8()).as(ObjectDefinition.CtExpectation::new),
                Arbitraries.strings().alpha().numeric().withChars(':', '_').ofMaxLength(80).map(ObjectDefinition.Secmark::new),
                Combinators.combine(u16(), u8(), ints).as(ObjectDefinition.Synproxy::new),
                Combinators.combine(Arbitraries.of(0, 5, 6, 11, 12, 255, 70000), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                        .as((type, bytes) -> new ObjectDefinition.Raw(type, NfTablesUapi.NFTA_OBJ_DATA, bytes)));
    }

    @Provide
    Arbitrary<NftObject> objects() {
        return Combinators.combine(Arbitraries.of(Family.class), names(), names(), Arbitraries.longs(),
                        Arbitraries.integers().between(-1, 1000), comments(), data(), unknown(9))
                .as(NftObject::new);
    }

    @Provide
    Arbitrary<Flowtable> flowtables() {
        Arbitrary<Flowtable> base = Combinators.combine(Arbitraries.of(Family.class), names(), names(), Arbitraries.longs(),
                        Arbitraries.integers().between(-1, 1000), Arbitraries.of(0, 1, 7), Arbitraries.integers(),
                        names().list().ofMaxSize(4))
                .as((f, t, n, h, use, hook, prio, devs) -> new Flowtable(f, t, n, h, use, hook, prio, devs, 0, List.of()));
        return Combinators.combine(base, Arbitraries.integers().between(0, 3), unknown(8))
                .as((f, flags, u) -> new Flowtable(f.family(), f.table(), f.name(), f.handle(), f.use(), f.hookNumber(),
                        f.priority(), f.devices(), flags, u));
    }

    /** As the kernel lists an object: the attributes of NEWOBJ plus use and handle. */
    static NetlinkMessage message(NftObject o) {
        MessageWriter w = new MessageWriter(512);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWOBJ), 0, 1, o.family().protocol(), 0);
        o.writeAttributes(w);
        if (o.use() >= 0) {
            w.attrU32Be(NfTablesUapi.NFTA_OBJ_USE, o.use());
        }
        w.attrU64Be(NfTablesUapi.NFTA_OBJ_HANDLE, o.handle());
        w.endMessage(m);
        return NetlinkMessage.parseOne(w.toByteArray());
    }

    @Property
    void objectsRoundTrip(@ForAll("objects") NftObject object) {
        NftObject decoded = NftObject.decode(message(object));
        assertThat(decoded).isEqualTo(object);
        assertThat(decoded.data().getClass()).isEqualTo(object.data().getClass());
        assertThat(ObjectRenderer.render(decoded, true)).startsWith("\t").endsWith("\t}\n");
    }

    @Property
    void flowtablesRoundTrip(@ForAll("flowtables") Flowtable flowtable) {
        MessageWriter w = new MessageWriter(512);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWFLOWTABLE), 0, 1,
                flowtable.family().protocol(), 0);
        flowtable.writeAttributes(w);
        w.attrU64Be(NfTablesUapi.NFTA_FLOWTABLE_HANDLE, flowtable.handle());
        if (flowtable.use() >= 0) {
            w.attrU32Be(NfTablesUapi.NFTA_FLOWTABLE_USE, flowtable.use());
        }
        w.endMessage(m);
        Flowtable decoded = Flowtable.decode(NetlinkMessage.parseOne(w.toByteArray()));
        assertThat(decoded).isEqualTo(flowtable);
        assertThat(FlowtableRenderer.render(decoded, true, false)).startsWith("\tflowtable ").endsWith("\t}\n");
    }

    /** A hook with attributes the library does not know lists with what it knows and re-encodes unchanged. */
    @Property
    void flowtableHooksWithUnknownAttributesAreKept(@ForAll @IntRange(min = 4, max = 40) int extraType,
                                                    @ForAll @Size(max = 12) byte[] extra, @ForAll boolean inDevices) {
        MessageWriter w = new MessageWriter(512);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWFLOWTABLE), 0, 1, NfTablesUapi.NFPROTO_INET, 0);
        int start = w.position();
        w.attrString(NfTablesUapi.NFTA_FLOWTABLE_TABLE, "t");
        w.attrString(NfTablesUapi.NFTA_FLOWTABLE_NAME, "f");
        // the kernel dumps the flags before the hook, and nft sends them so
        w.attrU32Be(NfTablesUapi.NFTA_FLOWTABLE_FLAGS, 1);
        int hook = w.beginNested(NfTablesUapi.NFTA_FLOWTABLE_HOOK);
        w.attrU32Be(NfTablesUapi.NFTA_FLOWTABLE_HOOK_NUM, 0);
        w.attrU32Be(NfTablesUapi.NFTA_FLOWTABLE_HOOK_PRIORITY, 7);
        int devs = w.beginNested(NfTablesUapi.NFTA_FLOWTABLE_HOOK_DEVS);
        w.attrString(NfTablesUapi.NFTA_DEVICE_NAME, "lo");
        if (inDevices) {
            w.attrBytes(extraType, extra);
        }
        w.endNested(devs);
        if (!inDevices) {
            w.attrBytes(extraType, extra);
        }
        w.endNested(hook);
        int end = w.position();
        w.endMessage(m);
        byte[] message = w.toByteArray();
        Flowtable f = Flowtable.decode(NetlinkMessage.parseOne(message));
        assertThat(f.priority()).isEqualTo(7);
        assertThat(f.devices()).containsExactly("lo");
        MessageWriter again = new MessageWriter(512);
        f.writeAttributes(again);
        assertThat(again.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(message, start, end));
    }

    /** Any bytes as the data of an object of any type decode (typed or raw) and re-encode to those bytes. */
    @Property
    void arbitraryObjectDataIsKeptLosslessly(@ForAll @IntRange(min = 0, max = 12) int type,
                                             @ForAll @Size(max = 60) byte[] data) {
        MessageWriter w = new MessageWriter(256);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWOBJ), 0, 1, NfTablesUapi.NFPROTO_INET, 0);
        w.attrString(NfTablesUapi.NFTA_OBJ_TABLE, "t");
        w.attrString(NfTablesUapi.NFTA_OBJ_NAME, "o");
        w.attrU32Be(NfTablesUapi.NFTA_OBJ_TYPE, type);
        w.attrBytes(NfTablesUapi.NFTA_OBJ_DATA, data);
        w.endMessage(m);
        NftObject decoded = NftObject.decode(NetlinkMessage.parseOne(w.toByteArray()));
        assertThat(decoded.type()).isEqualTo(type);
        MessageWriter again = new MessageWriter(256);
        decoded.writeAttributes(again);
        MessageWriter expected = new MessageWriter(256);
        expected.attrString(NfTablesUapi.NFTA_OBJ_TABLE, "t");
        expected.attrString(NfTablesUapi.NFTA_OBJ_NAME, "o");
        expected.attrU32Be(NfTablesUapi.NFTA_OBJ_TYPE, type);
        expected.attrBytes(NfTablesUapi.NFTA_OBJ_DATA, data);
        if (decoded.data() instanceof ObjectDefinition.Raw) {
            assertThat(again.toByteArray()).isEqualTo(expected.toByteArray());
        } else {
            // typed only when the typed form re-encodes to the same data; padding may differ in the value length
            MessageWriter d = new MessageWriter(256);
            decoded.data().write(d);
            assertThat(d.toByteArray()).isEqualTo(data);
        }
        ObjectRenderer.render(decoded);
    }

    @Property
    void arbitraryPayloadsDecodeOrFailCleanly(@ForAll @Size(max = 160) byte[] payload, @ForAll boolean asFlowtable) {
        MessageWriter w = new MessageWriter(256);
        int m = w.beginMessage(Nfnetlink.messageType(10, asFlowtable ? NfTablesUapi.NFT_MSG_NEWFLOWTABLE : NfTablesUapi.NFT_MSG_NEWOBJ), 0, 1);
        w.putBytes(payload);
        w.endMessage(m);
        try {
            NetlinkMessage msg = NetlinkMessage.parseOne(w.toByteArray());
            if (asFlowtable) {
                FlowtableRenderer.render(Flowtable.decode(msg));
            } else {
                ObjectRenderer.render(NftObject.decode(msg));
            }
        } catch (NetlinkDecodeException expected) {
            // rejected cleanly
        }
    }

    /** Random attributes after a valid header: nested data included, so the typed decoders see garbage too. */
    @Property
    void arbitraryAttributesDecodeOrFailCleanly(@ForAll @IntRange(min = 0, max = 12) int type,
                                                @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 12) Integer> types,
                                                @ForAll @Size(max = 8) List<@Size(max = 20) byte[]> values) {
        MessageWriter w = new MessageWriter(512);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWOBJ), 0, 1, NfTablesUapi.NFPROTO_IPV4, 0);
        w.attrString(NfTablesUapi.NFTA_OBJ_TABLE, "t");
        w.attrString(NfTablesUapi.NFTA_OBJ_NAME, "o");
        w.attrU32Be(NfTablesUapi.NFTA_OBJ_TYPE, type);
        int data = w.beginNested(NfTablesUapi.NFTA_OBJ_DATA, false);
        for (int i = 0; i < Math.min(types.size(), values.size()); i++) {
            w.attrBytes(types.get(i), values.get(i));
        }
        w.endNested(data);
        w.endMessage(m);
        try {
            NftObject o = NftObject.decode(NetlinkMessage.parseOne(w.toByteArray()));
            ObjectRenderer.render(o);
        } catch (NetlinkDecodeException expected) {
            // rejected cleanly
        }
    }
}
