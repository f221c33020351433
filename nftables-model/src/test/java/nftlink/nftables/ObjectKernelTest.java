package nftlink.nftables;

import nftlink.testing.NftRef;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.Transaction;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stateful objects and flowtables at kernel level against the real kernel and nft. */
@KernelTest
public class ObjectKernelTest {

    /**
     * Every object type this kernel accepts, in every family, among sets and chains.
     * secmark needs an LSM that knows the context (the test kernel has none: ENOENT) and
     * flowtables need CONFIG_NF_FLOW_TABLE; both are covered by codec tests and
     * {@link #secmarkAndFlowtablesFareAsWithNft}.
     */
    public static final String CORPUS = """
            table inet t {
              counter c { packets 5 bytes 100 comment "cnt" }
              counter c0 { }
              quota q { 25 mbytes }
              quota q2 { over 1000 bytes used 10 bytes }
              quota q3 { 2000 kbytes comment "three" }
              limit l { rate 10/second }
              limit l2 { rate over 1 mbytes/hour burst 500 kbytes }
              limit l3 { rate 400/minute burst 20 packets }
              limit l4 { rate 3 kbytes/day }
              ct helper h { type "ftp" protocol tcp; l3proto inet; }
              ct timeout tt { protocol tcp; l3proto ip; policy = { established: 100, close: 4 }; }
              ct timeout tu { protocol udp; l3proto ip6; policy = { replied: 20 }; }
              ct timeout td { protocol tcp; l3proto inet; }
              ct expectation e { protocol tcp; dport 2121; timeout 1m; size 12; l3proto ip; }
              ct expectation e6 { protocol udp; dport 5060; timeout 2h3m4s; size 1; l3proto ip6; }
              synproxy s { mss 1460; wscale 7; timestamp sack-perm; }
              synproxy s2 { mss 1400; wscale 2; }
              synproxy s3 { mss 536; wscale 0; sack-perm; }
              set a { type ipv4_addr; elements = { 1.2.3.4 } }
              chain x { counter name "c" accept; }
              chain input { type filter hook input priority filter; policy accept; }
            }
            table ip u {
              counter x { comment "in ip" }
              quota y { 100 bytes }
              ct helper h2 { type "ftp" protocol tcp; }
              ct expectation ex { protocol tcp; dport 21; timeout 500ms; size 3; }
            }
            table ip6 v {
              limit z { rate 1/day }
              ct timeout t6 { protocol udp; l3proto ip6; policy = { unreplied: 1, replied: 2 }; }
            }
            table netdev n {
              counter nc { packets 1 bytes 2 }
              quota nq { over 5 kbytes }
            }
            table bridge b {
              quota bq { 1 mbytes }
              limit bl { rate 7/week }
            }
            table arp a {
              counter ac { }
            }
            """;

    /** The corpus without its objects: what the copy needs before objects are added (the rule refers to c). */
    static final String SKELETON = """
            table inet t {
              set a { type ipv4_addr; elements = { 1.2.3.4 } }
              chain x { }
              chain input { type filter hook input priority filter; policy accept; }
            }
            table ip u { }
            table ip6 v { }
            table netdev n { }
            table bridge b { }
            table arp a { }
            """;

    @Test
    void everyObjectListsTyped(TestNamespace ns) {
        NftRef.apply(ns, CORPUS);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            List<NftObject> objects = nft.listObjects();
            assertThat(objects).hasSize(29);
            assertThat(objects).allSatisfy(o -> assertThat(o.data()).as(o.qualifiedName()).isNotInstanceOf(ObjectDefinition.Raw.class));
            assertThat(objects).allSatisfy(o -> assertThat(o.handle()).isNotZero());
            assertThat(objects).allSatisfy(o -> assertThat(o.unknown()).as(o.qualifiedName()).isEmpty());

            Map<String, NftObject> byName = new java.util.HashMap<>();
            objects.forEach(o -> byName.put(o.family() + " " + o.table() + " " + o.name(), o));
            assertThat(byName.get("inet t c").data()).isEqualTo(new ObjectDefinition.Counter(5, 100));
            assertThat(byName.get("inet t c").comment()).isEqualTo("cnt");
            assertThat(byName.get("inet t c").use()).isEqualTo(1);
            assertThat(byName.get("inet t c0").use()).isZero();
            assertThat(byName.get("inet t q").data()).isEqualTo(new ObjectDefinition.Quota(25L << 20, 0, 0));
            assertThat(byName.get("inet t q2").data()).isEqualTo(new ObjectDefinition.Quota(1000, 10, NfTablesUapi.NFT_QUOTA_F_INV));
            assertThat(byName.get("inet t l").data()).isEqualTo(new ObjectDefinition.Limit(10, 1, 5, NfTablesUapi.NFT_LIMIT_PKTS, 0));
            assertThat(byName.get("inet t l2").data())
                    .isEqualTo(new ObjectDefinition.Limit(1 << 20, 3600, 500 << 10, NfTablesUapi.NFT_LIMIT_PKT_BYTES, NfTablesUapi.NFT_LIMIT_F_INV));
            assertThat(byName.get("inet t h").data()).isEqualTo(new ObjectDefinition.CtHelper("ftp", NfTablesUapi.NFPROTO_INET, 6));
            assertThat(byName.get("inet t tt").data())
                    .isEqualTo(ObjectDefinition.CtTimeout.of(NfTablesUapi.NFPROTO_IPV4, 6, Map.of("established", 100, "close", 4)));
            assertThat(((ObjectDefinition.CtTimeout) byName.get("inet t tt").data()).policy())
                    .containsExactly(Map.entry("established", 100), Map.entry("close", 4));
            assertThat(byName.get("inet t tu").data())
                    .isEqualTo(ObjectDefinition.CtTimeout.of(NfTablesUapi.NFPROTO_IPV6, 17, Map.of("replied", 20)));
            assertThat(byName.get("inet t e").data())
                    .isEqualTo(new ObjectDefinition.CtExpectation(NfTablesUapi.NFPROTO_IPV4, 6, 2121, 60_000, 12));
            assertThat(byName.get("inet t s").data()).isEqualTo(new ObjectDefinition.Synproxy(1460, 7,
                    NfTablesUapi.NF_SYNPROXY_OPT_MSS | NfTablesUapi.NF_SYNPROXY_OPT_WSCALE | NfTablesUapi.NF_SYNPROXY_OPT_TIMESTAMP
                            | NfTablesUapi.NF_SYNPROXY_OPT_SACK_PERM));
            assertThat(byName.get("ip u h2").data()).isEqualTo(new ObjectDefinition.CtHelper("ftp", NfTablesUapi.NFPROTO_IPV4, 6));

            assertThat(nft.listObjects(Family.IP, "u")).extracting(NftObject::name).containsExactly("x", "y", "h2", "ex");
            assertThat(nft.listObjects(Family.INET, "t", NfTablesUapi.NFT_OBJECT_QUOTA)).extracting(NftObject::name)
                    .containsExactly("q", "q2", "q3");
            assertThat(nft.listFlowtables()).isEmpty();
        }
    }

    @Test
    void objectsAddedByTheLibraryListAsTheOriginals(TestNamespace source, TestNamespace copy) {
        NftRef.apply(source, CORPUS);
        NftRef.apply(copy, SKELETON);
        try (NetworkNamespace from = source.open(); Nftables a = Nftables.open(from);
             NetworkNamespace to = copy.open(); Nftables b = Nftables.open(to)) {
            Transaction tx = b.transaction();
            for (NftObject o : a.listObjects()) {
                tx.add(new NftOperation.AddObject(o, true));
            }
            tx.add(new NftOperation.FlushChain(Family.INET, "t", "x"));
            tx.commit();
            for (Rule r : a.listRules(Family.INET, "t", "x")) {
                b.commit(new NftOperation.AddRule(r.withHandle(0), false));
            }
        }
        assertThat(NftRef.run(copy, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(source, "list", "ruleset").orThrow());
    }

    @Test
    void resetReturnsTheValuesAndZeroesThem(TestNamespace ns) {
        NftRef.apply(ns, """
                table inet t {
                  counter c1 { packets 7 bytes 700 }
                  counter c2 { packets 1 bytes 64 }
                  quota q { 1000 bytes used 300 bytes }
                  limit l { rate 1/second }
                }
                table ip u {
                  counter c3 { packets 2 bytes 3 }
                }
                """);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            List<NftObject> reset = nft.resetObjects(Family.INET, "t");
            assertThat(reset).extracting(NftObject::name).containsExactly("c1", "c2", "q", "l");
            assertThat(reset.get(0).data()).isEqualTo(new ObjectDefinition.Counter(7, 700));
            assertThat(reset.get(1).data()).isEqualTo(new ObjectDefinition.Counter(1, 64));
            assertThat(reset.get(2).data()).isEqualTo(new ObjectDefinition.Quota(1000, 300, 0));

            List<NftObject> after = nft.listObjects(Family.INET, "t");
            assertThat(after.get(0).data()).isEqualTo(ObjectDefinition.Counter.zero());
            assertThat(after.get(1).data()).isEqualTo(ObjectDefinition.Counter.zero());
            assertThat(after.get(2).data()).isEqualTo(new ObjectDefinition.Quota(1000, 0, 0));
            assertThat(nft.listObjects(Family.IP, "u").getFirst().data()).isEqualTo(new ObjectDefinition.Counter(2, 3));

            assertThat(nft.resetObject(Family.IP, "u", "c3", NfTablesUapi.NFT_OBJECT_COUNTER).data())
                    .isEqualTo(new ObjectDefinition.Counter(2, 3));
            assertThat(nft.listObjects(Family.IP, "u").getFirst().data()).isEqualTo(ObjectDefinition.Counter.zero());

            nft.commit(new NftOperation.AddObject(NftObject.of(Family.IP, "u", "c4", new ObjectDefinition.Counter(9, 90)), true));
            assertThat(nft.resetObjects(Family.IP, "u", NfTablesUapi.NFT_OBJECT_COUNTER)).extracting(NftObject::data)
                    .containsExactly(ObjectDefinition.Counter.zero(), new ObjectDefinition.Counter(9, 90));
            assertThat(nft.resetObjects()).extracting(NftObject::data).doesNotContain(new ObjectDefinition.Counter(9, 90));
        }
        assertThat(NftRef.run(ns, "list", "counter", "ip", "u", "c4").orThrow()).contains("packets 0 bytes 0");
    }

    @Test
    void resetOverManyDumpMessagesReturnsEveryValueOnce(TestNamespace ns) {
        NftRef.apply(ns, "table ip t { }");
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            Transaction tx = nft.transaction();
            for (int i = 0; i < 3000; i++) {
                tx.add(new NftOperation.AddObject(NftObject.of(Family.IP, "t", "c" + i, new ObjectDefinition.Counter(i, 2L * i)), true));
            }
            tx.commit();
            List<NftObject> reset = nft.resetObjects();
            assertThat(reset).hasSize(3000);
            for (int i = 0; i < 3000; i++) {
                assertThat(reset.get(i).name()).isEqualTo("c" + i);
                assertThat(reset.get(i).data()).isEqualTo(new ObjectDefinition.Counter(i, 2L * i));
            }
            assertThat(nft.listObjects()).hasSize(3000).extracting(NftObject::data).containsOnly(ObjectDefinition.Counter.zero());
        }
    }

    @Test
    void addingAnExistingObjectUpdatesItWhereTheKernelCan(TestNamespace ns) {
        NftRef.apply(ns, """
                table ip t {
                  quota q { 1000 bytes used 10 bytes }
                  counter c { packets 1 bytes 1 }
                }
                """);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            nft.commit(new NftOperation.AddObject(NftObject.of(Family.IP, "t", "q",
                            new ObjectDefinition.Quota(2000, 0, NfTablesUapi.NFT_QUOTA_F_INV)), false),
                    new NftOperation.AddObject(NftObject.of(Family.IP, "t", "c", new ObjectDefinition.Counter(5, 5)), false));
            List<NftObject> objects = nft.listObjects();
            // quotas update in place (bytes and flags; what is used stays), counters have no update and stay as they are
            assertThat(objects.get(0).data()).isEqualTo(new ObjectDefinition.Quota(2000, 10, NfTablesUapi.NFT_QUOTA_F_INV));
            assertThat(objects.get(1).data()).isEqualTo(new ObjectDefinition.Counter(1, 1));
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddObject(NftObject.of(Family.IP, "t", "q",
                    new ObjectDefinition.Quota(3000, 0, 0)), true)))
                    .isInstanceOf(NetlinkKernelException.class)
                    .satisfies(e -> assertThat(((NetlinkKernelException) e).errnoNumber()).isEqualTo(17));
        }
        assertThat(NftRef.run(ns, "list", "quota", "ip", "t", "q").orThrow()).contains("over 2000 bytes used 10 bytes");
    }

    @Test
    void errorsNameTheAttribute(TestNamespace ns) {
        NftRef.script(ns, "table inet t { counter c { }; }").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddObject(
                    NftObject.of(Family.INET, "nope", "c", ObjectDefinition.Counter.zero()), false)))
                    .isInstanceOf(NetlinkKernelException.class)
                    .satisfies(e -> assertThat(((NetlinkKernelException) e).attribute()).isEqualTo("NFTA_OBJ_TABLE"));
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddObject(
                    NftObject.of(Family.INET, "t", "c", ObjectDefinition.Counter.zero()), true)))
                    .isInstanceOf(NetlinkKernelException.class)
                    .satisfies(e -> assertThat(((NetlinkKernelException) e).attribute()).isEqualTo("NFTA_OBJ_NAME"));
            assertThatThrownBy(() -> nft.commit(new NftOperation.AddFlowtable(
                    Flowtable.of(Family.INET, "nope", "f", 0, List.of("lo")), false)))
                    .isInstanceOf(NetlinkKernelException.class)
                    .satisfies(e -> assertThat(((NetlinkKernelException) e).attribute()).isEqualTo("NFTA_FLOWTABLE_TABLE"));
            assertThatThrownBy(() -> nft.commit(new NftOperation.DeleteFlowtable(Family.INET, "t", "f", false)))
                    .isInstanceOf(NetlinkKernelException.class)
                    .satisfies(e -> assertThat(((NetlinkKernelException) e).attribute()).isEqualTo("NFTA_FLOWTABLE_NAME"));
            nft.commit(new NftOperation.DeleteFlowtable(Family.INET, "t", "f", true));
        }
    }

    @Test
    void objectsAreDeletedByNameOrHandle(TestNamespace ns) {
        NftRef.script(ns, "table inet t { counter a { }; quota b { 5 bytes }; counter c { }; }").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            long handle = nft.listObjects().stream().filter(o -> o.name().equals("c")).findFirst().orElseThrow().handle();
            nft.commit(new NftOperation.DeleteObject(Family.INET, "t", NfTablesUapi.NFT_OBJECT_COUNTER, "a"),
                    new NftOperation.DeleteObject(Family.INET, "t", NfTablesUapi.NFT_OBJECT_COUNTER, null, handle, false),
                    new NftOperation.DeleteObject(Family.INET, "t", NfTablesUapi.NFT_OBJECT_COUNTER, "gone", 0, true));
            assertThat(nft.listObjects()).extracting(NftObject::name).containsExactly("b");
            assertThatThrownBy(() -> nft.commit(new NftOperation.DeleteObject(Family.INET, "t", NfTablesUapi.NFT_OBJECT_COUNTER, "b")))
                    .isInstanceOf(NetlinkKernelException.class)
                    .satisfies(e -> assertThat(((NetlinkKernelException) e).errnoNumber()).isEqualTo(2));
        }
    }

    /**
     * secmark and flowtables: where this kernel accepts them (an LSM that knows the context,
     * CONFIG_NF_FLOW_TABLE), the library lists them typed and adds them back identically; where
     * it refuses them, it refuses the library's request with the errno it gives nft.
     */
    @Test
    void secmarkAndFlowtablesFareAsWithNft(TestNamespace ns, TestNamespace copy) {
        String secmark = "table ip t { secmark s { \"system_u:object_r:ssh_server_packet_t:s0\" }; }";
        String flowtable = "table inet t { flowtable f { hook ingress priority filter + 5; devices = { lo }; counter; }; }";
        NftRef.apply(ns, "table ip t { }\ntable inet t { }");
        NftRef.apply(copy, "table ip t { }\ntable inet t { }");
        TestNamespace.Result secmarkResult = NftRef.script(ns, secmark);
        TestNamespace.Result flowtableResult = NftRef.script(ns, flowtable);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n);
             NetworkNamespace c = copy.open(); Nftables lib = Nftables.open(c)) {
            NftObject s = NftObject.of(Family.IP, "t", "s", new ObjectDefinition.Secmark("system_u:object_r:ssh_server_packet_t:s0"));
            Flowtable f = Flowtable.of(Family.INET, "t", "f", 5, List.of("lo")).withFlags(NfTablesUapi.NFT_FLOWTABLE_COUNTER);
            if (secmarkResult.exitCode() == 0) {
                assertThat(nft.listObjects(Family.IP, "t")).extracting(NftObject::data).containsExactly(s.data());
                lib.commit(new NftOperation.AddObject(s, true));
            } else {
                assertThat(secmarkResult.stderr()).contains("No such file or directory");
                assertThatThrownBy(() -> lib.commit(new NftOperation.AddObject(s, true)))
                        .isInstanceOf(NetlinkKernelException.class)
                        .satisfies(e -> assertThat(((NetlinkKernelException) e).errnoNumber()).isEqualTo(2));
            }
            if (flowtableResult.exitCode() == 0) {
                Flowtable listed = nft.listFlowtables().getFirst();
                assertThat(listed.devices()).containsExactly("lo");
                assertThat(listed.priority()).isEqualTo(5);
                assertThat(listed.flags()).isEqualTo(NfTablesUapi.NFT_FLOWTABLE_COUNTER);
                lib.commit(new NftOperation.AddFlowtable(f, true));
            } else {
                assertThat(flowtableResult.stderr()).contains("No such file or directory");
                assertThatThrownBy(() -> lib.commit(new NftOperation.AddFlowtable(f, true)))
                        .isInstanceOf(NetlinkKernelException.class)
                        .satisfies(e -> assertThat(((NetlinkKernelException) e).errnoNumber()).isEqualTo(2));
            }
        }
        assertThat(NftRef.run(copy, "list", "ruleset").orThrow()).isEqualTo(NftRef.run(ns, "list", "ruleset").orThrow());
    }
}
