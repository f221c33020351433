package nftlink.nftables.lang;

import nftlink.netlink.InterfaceNames;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.ReferenceCheck;
import nftlink.testing.NftRef;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Interface names in {@code iif}/{@code oif} matches, devices and maps resolved in the network namespace the
 * rules live in, through rtnetlink there, as nft run inside that namespace resolves them: by name in and out,
 * refused when no interface has the name, listed as the index once the interface is gone.
 */
@KernelTest
class InterfaceNamesKernelTest {

    private static final String RULES = """
            table inet t {
            \tchain c {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tiif "lo" accept
            \t\tiif "d0" oif "d1" drop
            \t\tiif { "lo", "d1" } counter
            \t\tiif vmap { "lo" : accept, "d0" : drop }
            \t\toif 77 accept
            \t\tiifname "d0" accept
            \t}
            }
            """;

    @Test
    void namesAreResolvedInTheRulesNamespaceBothWays() {
        ReferenceCheck.of(RULES).devices("d0", "d1").check();
    }

    @Test
    void indexesOfMissingInterfacesInSetElementsAreJsonStringsAsNftWritesThem() {
        // packetpath/dumps/set_lookups.nft: nft's JSON gives such an index as "90000", in elements as in rules
        String listed = ReferenceCheck.of("""
                table ip t {
                \tset s {
                \t\ttype ipv4_addr . iface_index
                \t\telements = { 127.0.0.2 . 90000 }
                \t}
                \tset r {
                \t\ttype iface_index
                \t\tflags interval
                \t\telements = { "lo", 90005-90007 }
                \t}
                \tmap m {
                \t\ttype ipv4_addr : iface_index
                \t\telements = { 1.2.3.4 : 90008, 1.2.3.5 : "lo" }
                \t}
                \tchain c {
                \t\tiif { 90003, "lo" }
                \t\tiif . ip saddr { 90004 . 1.2.3.4 }
                \t}
                }
                """).check();
        assertThat(listed).contains("elements = { 127.0.0.2 . 90000 }");
    }

    @Test
    void theNamespacesInterfacesAreReadOverRtnetlinkThere(TestNamespace ns) {
        TestNamespace.run(List.of("ip", "-n", ns.name(), "link", "add", "d7", "type", "ifb"), null).orThrow();
        try (NetworkNamespace handle = ns.open()) {
            InterfaceNames names = InterfaceNames.read(handle);
            assertThat(names.index("lo")).hasValue(1);
            assertThat(names.index("d7")).isPresent();
            assertThat(names.name(names.index("d7").getAsInt())).hasValue("d7");
            assertThat(names.index("eth-nope")).isEmpty();
        }
    }

    @Test
    void aNameNoInterfaceHasIsRefusedAsNftRefusesIt(TestNamespace ns) {
        String rules = "table inet t {\n\tchain c {\n\t\tiif \"nope\" accept\n\t}\n}\n";
        assertThat(NftRef.refusal(ns, rules)).contains("Error: Interface does not exist");
        try (NetworkNamespace handle = ns.open()) {
            NftParser parser = new NftParser(CgroupPathResolver.none(), InterfaceResolver.in(handle), SetLookup.NONE);
            assertThatThrownBy(() -> parser.parse(rules, "rules.nft")).isInstanceOf(NftParseException.class)
                    .hasMessageContaining("3:7-12: Error: Interface does not exist");
        }
    }

    @Test
    void anInterfaceThatIsGoneListsAsItsIndex(TestNamespace ns) {
        TestNamespace.run(List.of("ip", "-n", ns.name(), "link", "add", "d0", "type", "ifb"), null).orThrow();
        NftRef.apply(ns, "table ip t {\n\tchain c {\n\t\tiif \"d0\" accept\n\t\toif \"lo\" drop\n\t}\n}\n");
        TestNamespace.run(List.of("ip", "-n", ns.name(), "link", "del", "d0"), null).orThrow();
        String expected = NftRef.list(ns);
        assertThat(expected).contains("iif 2 accept").contains("oif \"lo\" drop");
        assertThat(ReferenceCheck.listing(ns)).isEqualTo(expected);
        ReferenceCheck.assertJsonEquals(ReferenceCheck.json(ns), JsonValue.parse(NftRef.listJson(ns)));
    }
}
