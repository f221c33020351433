package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.Transaction;
import nftlink.nftables.lang.Datatype;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sets, maps and elements at kernel level against the real kernel and nft. */
@KernelTest
class SetKernelTest {

    static final String SETS = """
            table ip t {
              set a { type ipv4_addr; flags timeout; elements = { 1.2.3.4 timeout 1h comment "x", 5.6.7.8 } }
              set b { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.1.1-192.168.1.9 } }
              set c { type ipv4_addr . inet_service; flags interval; elements = { 1.1.1.1 . 20-30 } }
              set d { type ipv4_addr; counter; size 100; elements = { 9.9.9.9 } }
              set e { typeof meta mark; comment "typed"; }
              map m { type inet_service : verdict; elements = { 22 : jump x, 80 : accept } }
              map n { type ipv4_addr : mark; elements = { 1.1.1.1 : 0x5 } }
              chain x { }
            }
            table inet u {
              set v6 { type ipv6_addr; policy memory; elements = { ::1, 2001:db8::1 } }
            }
            """;

    /** Set blocks of {@code nft --debug=netlink list ruleset}: header line to element lines. */
    static Map<String, List<String>> setBlocks(String output) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : output.split("\n")) {
            if (line.matches("\\S+ \\S+ @\\S+")) {
                current = new ArrayList<>();
                blocks.put(line, current);
            } else if (line.startsWith("\telement") && current != null) {
                current.add(line.substring(1));
            } else {
                current = null;
            }
        }
        return blocks;
    }

    @Test
    void listedSetsAndElementsMatchNft(TestNamespace ns) {
        ns.nftScript(SETS).orThrow();
        Map<String, List<String>> expected = setBlocks(ns.nft("--debug=netlink", "list", "ruleset").orThrow());
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            List<NftSet> sets = nft.listSets();
            assertThat(sets).hasSize(expected.size()).hasSize(8);
            for (NftSet s : sets) {
                List<String> elements = nft.listElements(s.family(), s.table(), s.name()).stream()
                        .map(SetElement::toDebugString).toList();
                assertThat(elements).as(s.qualifiedName())
                        .isEqualTo(expected.get(s.family() + " " + s.table() + " @" + s.name()));
            }
            NftSet d = sets.stream().filter(s -> s.name().equals("d")).findFirst().orElseThrow();
            assertThat(d.size()).isEqualTo(100);
            assertThat(d.expressions()).hasSize(1);
            NftSet m = sets.stream().filter(s -> s.name().equals("m")).findFirst().orElseThrow();
            assertThat(m.isMap()).isTrue();
            NftSet c = sets.stream().filter(s -> s.name().equals("c")).findFirst().orElseThrow();
            assertThat(c.fieldLengths()).containsExactly(4, 2);
            NftSet e = sets.stream().filter(s -> s.name().equals("e")).findFirst().orElseThrow();
            assertThat(e.comment()).contains("typed");
        }
    }

    @Test
    void listedSetsAndElementsReEncodeToTheSameRuleset(TestNamespace source, TestNamespace copy) {
        source.nftScript(SETS).orThrow();
        copy.nftScript("table ip t { chain x { }; }\ntable inet u { }").orThrow();
        try (NetworkNamespace from = source.open(); Nftables a = Nftables.open(from);
             NetworkNamespace to = copy.open(); Nftables b = Nftables.open(to)) {
            Transaction tx = b.transaction();
            for (NftSet s : a.listSets()) {
                tx.add(new NftOperation.AddSet(s, true));
                List<SetElement> elements = a.listElements(s.family(), s.table(), s.name());
                if (!elements.isEmpty()) {
                    tx.addAll(NftOperation.addElements(s.family(), s.table(), s.name(), elements));
                }
            }
            tx.commit();
        }
        assertThat(withoutExpiry(copy.nft("list", "ruleset").orThrow()))
                .isEqualTo(withoutExpiry(source.nft("list", "ruleset").orThrow()));
    }

    /**
     * The set's elements once a listing shows {@code expected} of them. Right after mass
     * changes the kernel resizes the hash table in a worker, and a dump that spans several
     * messages while it does can miss or repeat entries (nft lists the same way); the
     * committed state is already right, so list again for a bounded time.
     */
    private static List<SetElement> settledElements(Nftables nft, int expected) {
        List<SetElement> listed = nft.listElements(Family.INET, "t", "big");
        for (int attempt = 0; attempt < 100 && listed.size() != expected; attempt++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            listed = nft.listElements(Family.INET, "t", "big");
        }
        return listed;
    }

    private static String withoutExpiry(String listing) {
        return listing.replaceAll(" expires \\S+", "");
    }

    @Test
    void elementBatchesLargerThanOneAttributeStayOneTransaction(TestNamespace ns) {
        ns.nftScript("table inet t { set big { type ipv4_addr; }; }").orThrow();
        List<SetElement> elements = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            elements.add(SetElement.of(Bytes.u32Be(0x0a000000 + i)));
        }
        List<NftOperation> ops = NftOperation.addElements(Family.INET, "t", "big", elements);
        assertThat(ops.size()).isGreaterThan(3);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            int generation = nft.generation();
            nft.transaction().addAll(ops).commit();
            assertThat(nft.generation()).isEqualTo(generation + 1);
            assertThat(settledElements(nft, 20_000)).hasSize(20_000);

            nft.transaction().addAll(NftOperation.deleteElements(Family.INET, "t", "big", elements.subList(0, 15_000))).commit();
            assertThat(settledElements(nft, 5_000)).hasSize(5_000);
            nft.commit(new NftOperation.FlushSet(Family.INET, "t", "big"));
            assertThat(nft.listElements(Family.INET, "t", "big")).isEmpty();
            nft.commit(new NftOperation.DeleteSet(Family.INET, "t", "big", false));
            assertThat(nft.listSets()).isEmpty();
        }
    }

    @Test
    void setsMadeByTheLibraryAreWhatNftExpects(TestNamespace ns) {
        ns.nftScript("table ip t { }").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            NftSet allowed = NftSet.builder(Family.IP, "t", "allowed").key(Datatype.IPV4_ADDR)
                    .timeout(Duration.ofMinutes(1)).build();
            nft.transaction()
                    .add(new NftOperation.AddSet(allowed, true))
                    .addAll(NftOperation.addElements(Family.IP, "t", "allowed", List.of(
                            SetElement.of(Bytes.of(10, 0, 0, 1)).withComment("gw"))))
                    .commit();
        }
        assertThat(ns.nft("list", "set", "ip", "t", "allowed").orThrow().replaceAll(" expires \\S+", ""))
                .isEqualTo("""
                        table ip t {
                        \tset allowed {
                        \t\ttype ipv4_addr
                        \t\ttimeout 1m
                        \t\telements = { 10.0.0.1 comment "gw" }
                        \t}
                        }
                        """);
    }

    @Test
    void typedSetsAndElementsAreWhatNftLists(TestNamespace ns) throws Exception {
        ns.nftScript("table inet app { }").orThrow();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            NftSet blocked = NftSet.builder(Family.INET, "app", "blocked").key(Datatype.IPV4_ADDR).interval()
                    .timeout(Duration.ofHours(1)).comment("typed").build();
            NftSet services = NftSet.builder(Family.INET, "app", "services")
                    .key(Datatype.IPV4_ADDR, Datatype.INET_SERVICE).build();
            List<SetElement> elements = new ArrayList<>(SetElement.prefix("10.0.0.0/8"));
            elements.add(SetElement.of(InetAddress.getByName("192.0.2.1")).withTimeout(Duration.ofMinutes(5)));
            elements.add(SetElement.intervalEnd(Bytes.of(192, 0, 2, 2)));
            nft.transaction()
                    .add(new NftOperation.AddSet(blocked, false))
                    .add(new NftOperation.AddSet(services, false))
                    .addAll(NftOperation.addElements(Family.INET, "app", "blocked", elements))
                    .addAll(NftOperation.addElements(Family.INET, "app", "services", List.of(
                            SetElement.of(Bytes.of(10, 0, 0, 1, 0, 22, 0, 0)))))
                    .add(new NftOperation.AddSet(NftSet.builder(Family.INET, "app", "high").key(Datatype.INET_SERVICE)
                            .interval().build(), false))
                    .addAll(NftOperation.addElements(Family.INET, "app", "high", SetElement.ports(1024, 65535)))
                    .commit();

            NftSet listed = nft.listSets().stream().filter(x -> x.name().equals("blocked")).findFirst().orElseThrow();
            assertThat(listed.flagSet()).containsExactlyInAnyOrder(SetFlag.INTERVAL, SetFlag.TIMEOUT);
            assertThat(listed.timeout()).isEqualTo(Duration.ofHours(1));
            assertThat(listed.keyDatatypes()).containsExactly(Datatype.IPV4_ADDR);
            assertThat(listed.comment()).contains("typed");
            SetElement single = nft.listElements(Family.INET, "app", "blocked").stream()
                    .filter(e -> e.key().equals(Bytes.of(192, 0, 2, 1))).findFirst().orElseThrow();
            assertThat(single.timeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(single.expiration()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
            NftSet concat = nft.listSets().stream().filter(x -> x.name().equals("services")).findFirst().orElseThrow();
            assertThat(concat.keyDatatypes()).containsExactly(Datatype.IPV4_ADDR, Datatype.INET_SERVICE);
        }
        assertThat(ns.nft("list", "table", "inet", "app").orThrow().replaceAll(" expires [^, }]+", ""))
                .isEqualTo("""
                        table inet app {
                        \tset blocked {
                        \t\ttype ipv4_addr
                        \t\tflags interval,timeout
                        \t\ttimeout 1h
                        \t\tcomment "typed"
                        \t\telements = { 10.0.0.0/8, 192.0.2.1 timeout 5m }
                        \t}

                        \tset services {
                        \t\ttype ipv4_addr . inet_service
                        \t\telements = { 10.0.0.1 . 22 }
                        \t}

                        \tset high {
                        \t\ttype inet_service
                        \t\tflags interval
                        \t\telements = { 1024-65535 }
                        \t}
                        }
                        """);
    }
}
