package nftlink.nftables;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables and chains survive encode/decode; garbage fails with the library's exception. */
class TableChainCodecProperties {

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

    @Provide
    Arbitrary<Table> tables() {
        return Combinators.combine(Arbitraries.of(Family.class), names(), Arbitraries.of(0, 1, 2, 3, 4), comments(),
                        Arbitraries.longs().greaterOrEqual(0), Arbitraries.integers().between(-1, 1000), Arbitraries.integers(),
                        unknown(8))
                .as((f, n, flags, c, h, use, owner, unknown) -> new Table(f, n, flags, c, h, use, owner, unknown));
    }

    @Provide
    Arbitrary<Chain> chains() {
        Arbitrary<BaseChain> base = Combinators.combine(Arbitraries.of(ChainType.class),
                        Arbitraries.integers().between(-500, 500),
                        names().list().ofMaxSize(3), Arbitraries.of(ChainPolicy.ACCEPT, ChainPolicy.DROP))
                .as((t, p, devs, pol) -> new BaseChain(t, Hook.INPUT, p, devs, pol));
        return Combinators.combine(Arbitraries.of(Family.IP, Family.IP6, Family.INET, Family.ARP, Family.BRIDGE),
                        names(), names(), Arbitraries.oneOf(Arbitraries.just(null), base), comments(),
                        Arbitraries.longs().greaterOrEqual(0), Arbitraries.integers().between(-1, 100), unknown(13))
                .as((f, t, n, b, c, h, use, unknown) -> new Chain(f, t, n, b, b == null ? 0 : NfTablesUapi.NFT_CHAIN_BASE,
                        c, h, use, unknown));
    }

    /** Encodes as the kernel lists it: the attributes a NEWTABLE carries plus handle and use. */
    private static NetlinkMessage tableMessage(Table t) {
        MessageWriter w = new MessageWriter(256);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWTABLE), 0, 1, t.family().protocol(), 0);
        t.writeAttributes(w);
        w.attrU64Be(NfTablesUapi.NFTA_TABLE_HANDLE, t.handle());
        if (t.use() >= 0) {
            w.attrU32Be(NfTablesUapi.NFTA_TABLE_USE, t.use());
        }
        w.attrU32Be(NfTablesUapi.NFTA_TABLE_OWNER, t.owner());
        w.endMessage(m);
        return NetlinkMessage.parseOne(w.toByteArray());
    }

    @Property
    void tablesRoundTrip(@ForAll("tables") Table table) {
        assertThat(Table.decode(tableMessage(table))).isEqualTo(table);
    }

    @Property
    void chainsRoundTrip(@ForAll("chains") Chain chain) {
        MessageWriter w = new MessageWriter(256);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWCHAIN), 0, 1, chain.family().protocol(), 0);
        chain.writeAttributes(w);
        w.attrU64Be(NfTablesUapi.NFTA_CHAIN_HANDLE, chain.handle());
        if (chain.use() >= 0) {
            w.attrU32Be(NfTablesUapi.NFTA_CHAIN_USE, chain.use());
        }
        if (chain.isBase()) {
            w.attrU32Be(NfTablesUapi.NFTA_CHAIN_FLAGS, chain.flags());
        }
        w.endMessage(m);
        assertThat(Chain.decode(NetlinkMessage.parseOne(w.toByteArray()))).isEqualTo(chain);
    }

    @Property
    void arbitraryPayloadsDecodeOrFailCleanly(@ForAll @Size(max = 120) byte[] payload, @ForAll boolean asChain) {
        MessageWriter w = new MessageWriter(256);
        int m = w.beginMessage(Nfnetlink.messageType(10, asChain ? 3 : 0), 0, 1);
        w.putBytes(payload);
        w.endMessage(m);
        try {
            NetlinkMessage msg = NetlinkMessage.parseOne(w.toByteArray());
            if (asChain) {
                Chain.decode(msg);
            } else {
                Table.decode(msg);
            }
        } catch (NetlinkDecodeException expected) {
            // rejected cleanly
        }
    }
}
