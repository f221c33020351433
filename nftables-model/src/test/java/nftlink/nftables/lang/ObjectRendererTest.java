package nftlink.nftables.lang;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftSet;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.Ruleset;
import nftlink.nftables.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendering of what this kernel refuses (secmark objects without an LSM, flowtables without
 * CONFIG_NF_FLOW_TABLE) and of corner cases, against the text nft 1.1.3's
 * {@code obj_print_data} and {@code flowtable_print_declaration} produce.
 */
class ObjectRendererTest {

    @Test
    void secmark() {
        NftObject s = new NftObject(Family.IP, "t", "sm", 7, 0, "web",
                new ObjectDefinition.Secmark("system_u:object_r:http_server_packet_t:s0"), List.of());
        assertThat(ObjectRenderer.render(s)).isEqualTo("""
                \tsecmark sm {
                \t\tcomment "web"
                \t\t"system_u:object_r:http_server_packet_t:s0"
                \t}
                """);
        assertThat(ObjectRenderer.render(s, true)).startsWith("\tsecmark sm { # handle 7\n");
    }

    @Test
    void flowtables() {
        Flowtable f = new Flowtable(Family.INET, "t", "f", 3, 0, NfTablesUapi.NF_NETDEV_INGRESS, -3,
                List.of("lo", "eth1", "dummy0"), NfTablesUapi.NFT_FLOWTABLE_HW_OFFLOAD | NfTablesUapi.NFT_FLOWTABLE_COUNTER, List.of());
        assertThat(FlowtableRenderer.render(f)).isEqualTo("""
                \tflowtable f {
                \t\thook ingress priority filter - 3
                \t\tdevices = { dummy0, eth1, lo }
                \t\tflags offload
                \t\tcounter
                \t}
                """);
        assertThat(FlowtableRenderer.render(f, true, true)).isEqualTo("""
                \tflowtable f { # handle 3
                \t\thook ingress priority -3
                \t\tdevices = { dummy0, eth1, lo }
                \t\tflags offload
                \t\tcounter
                \t}
                """);
        assertThat(FlowtableRenderer.render(Flowtable.of(Family.IP, "t", "g", -100, List.of()))).isEqualTo("""
                \tflowtable g {
                \t\thook ingress priority -100
                \t}
                """);
        assertThat(FlowtableRenderer.render(Flowtable.of(Family.IP, "t", "g", 10, List.of("a")))).contains("priority filter + 10\n");
        assertThat(FlowtableRenderer.render(Flowtable.of(Family.IP, "t", "g", 11, List.of("a")))).contains("priority 11\n");
    }

    /** nft's order inside a table: objects, sets, flowtables, chains, with a blank line between blocks. */
    @Test
    void flowtablesComeAfterSetsAndBeforeChains() {
        Table t = Table.of(Family.INET, "t");
        RulesetListing listing = new RulesetListing(new Ruleset(List.of(t), List.of(Chain.regular(Family.INET, "t", "c"))),
                List.of(NftSet.of(Family.INET, "t", "s", 13, 2)), Map.of(), List.of(),
                List.of(NftObject.of(Family.INET, "t", "q", new ObjectDefinition.Quota(1 << 10, 0, 0))),
                List.of(Flowtable.of(Family.INET, "t", "f", 0, List.of("lo"))));
        assertThat(listing.render(NftFormatter.DEFAULT, RuleRenderer.DEFAULT)).isEqualTo("""
                table inet t {
                \tquota q {
                \t\t1 kbytes
                \t}

                \tset s {
                \t\ttype inet_service
                \t}

                \tflowtable f {
                \t\thook ingress priority filter
                \t\tdevices = { lo }
                \t}

                \tchain c {
                \t}
                }
                """);
    }

    @Test
    void cornerCasesPrintAsNftDoes() {
        // quotas: nft 1.0.6 knows no unit above mbytes
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "q", new ObjectDefinition.Quota(5L << 30, 0, 0))))
                .contains("\t\t5120 mbytes\n");
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "q", new ObjectDefinition.Quota(0, 0, 0))))
                .contains("\t\t0 bytes\n");
        // limits: packets with the default burst of 5 or none print no burst; bytes with burst 0 neither
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "l", new ObjectDefinition.Limit(3, 7, 0, 0, 0))))
                .contains("\t\trate 3/error\n");
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "l", new ObjectDefinition.Limit(1025, 1, 0, 1, 0))))
                .contains("\t\trate 1025 bytes/second\n");
        // synproxy without options: an empty body
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "s", new ObjectDefinition.Synproxy(0, 0, 0))))
                .isEqualTo("\tsynproxy s {\n\t}\n");
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "s",
                new ObjectDefinition.Synproxy(0, 0, NfTablesUapi.NF_SYNPROXY_OPT_SACK_PERM))))
                .isEqualTo("\tsynproxy s {\n\t\t sack-perm\n\t}\n");
        // ct timeout of a protocol nft has no states for; an expectation with timeout 0
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "x", new ObjectDefinition.CtTimeout(2, 132, List.of(1, 2)))))
                .isEqualTo("\tct timeout x {\n\t\tprotocol sctp\n\t\tl3proto ip\n\t\tpolicy = {  }\n\t}\n");
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "e", new ObjectDefinition.CtExpectation(99, 250, 1, 0, 2))))
                .isEqualTo("\tct expectation e {\n\t\tprotocol 250\n\t\tdport 1\n\t\ttimeout 0s\n\t\tsize 2\n\t\tl3proto unknown\n\t}\n");
        // a type nft does not know is shown, never dropped
        assertThat(ObjectRenderer.render(NftObject.of(Family.IP, "t", "cl",
                new ObjectDefinition.Raw(NfTablesUapi.NFT_OBJECT_CONNLIMIT, NfTablesUapi.NFTA_OBJ_DATA, new byte[]{1, 2}))))
                .isEqualTo("\tobject type 5 cl {\n\t\tdata 0102\n\t}\n");
    }

    @Test
    void ctTimeoutPolicyFromStateNames() {
        ObjectDefinition.CtTimeout t = ObjectDefinition.CtTimeout.of(NfTablesUapi.NFPROTO_INET, 6, Map.of("syn_sent", 5, "unack", 300));
        assertThat(t.timeouts()).containsExactly(5, 60, 432000, 120, 60, 30, 120, 10, 120, 300, 300);
        assertThat(t.policy()).containsExactly(Map.entry("syn_sent", 5));
        assertThat(ObjectRenderer.render(NftObject.of(Family.INET, "t", "t", t))).contains("\t\tpolicy = { syn_sent : 5s }\n");
    }

    @Test
    void objectTypeNamesReadBackToTheirTypes() {
        assertThat(ObjectRenderer.type("ct expectation")).isEqualTo(NfTablesUapi.NFT_OBJECT_CT_EXPECT);
        assertThat(ObjectRenderer.type("counter")).isEqualTo(NfTablesUapi.NFT_OBJECT_COUNTER);
        assertThat(ObjectRenderer.type("connlimit")).as("no nft object of that name").isEqualTo(-1);
        for (int type = 0; type <= NfTablesUapi.NFT_OBJECT_SYNPROXY; type++) {
            String name = ObjectRenderer.typeName(type);
            if (name != null) {
                assertThat(ObjectRenderer.type(name)).as(name).isEqualTo(type);
            }
        }
    }
}
