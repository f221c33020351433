package nftlink.nftables;

import nftlink.testing.NftRef;
import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetworkNamespace;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's requests against the bytes nft sends ({@code nft --debug=mnl}), so
 * secmark objects and flowtables, which this kernel refuses, are checked at byte level too.
 */
@KernelTest
class ObjectRequestBytesKernelTest {

    /** Attribute type to value hex, nested attributes flattened with their path. */
    private static Map<String, String> attributes(Attributes attributes, String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (Attribute a : attributes) {
            out.put(prefix + a.type(), HexFormat.of().formatHex(a.bytes()));
        }
        return out;
    }

    private static Map<String, String> attributesOf(ObjectDefinition data) {
        MessageWriter w = new MessageWriter(256);
        data.write(w);
        return attributes(Attributes.parse(w.toByteArray()), "");
    }

    /**
     * libnftnl puts the helper name and the secmark context without the NUL the kernel's
     * dumps (and the library) include; the kernel reads either.
     */
    private static Map<String, String> withoutStringTerminator(int type, Map<String, String> data) {
        Map<String, String> out = new TreeMap<>(data);
        if (type == NfTablesUapi.NFT_OBJECT_CT_HELPER || type == NfTablesUapi.NFT_OBJECT_SECMARK) {
            out.computeIfPresent("1", (k, v) -> v.endsWith("00") ? v.substring(0, v.length() - 2) : v);
        }
        return out;
    }

    @Test
    void objectDataAsNftSendsIt(TestNamespace ns, TestNamespace fresh) {
        NftRef.script(ns, ObjectKernelTest.CORPUS).orThrow();
        String secmark = "table ip sx { secmark s { \"system_u:object_r:ssh_server_packet_t:s0\" }; }\n";
        List<NetlinkMessage> requests = NftRequestDump.requests(fresh, ObjectKernelTest.CORPUS + secmark,
                NfTablesUapi.NFT_MSG_NEWOBJ);
        assertThat(requests).hasSize(30);
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            List<NftObject> listed = nft.listObjects();
            for (int i = 0; i < listed.size(); i++) {
                NftObject expected = listed.get(i);
                NetlinkMessage request = requests.get(i);
                Attributes top = request.attributes(nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN);
                assertThat(top.require(NfTablesUapi.NFTA_OBJ_NAME, "name").string()).isEqualTo(expected.name());
                assertThat(top.require(NfTablesUapi.NFTA_OBJ_TYPE, "type").u32Be()).isEqualTo(expected.type());
                Map<String, String> sent = withoutStringTerminator(expected.type(),
                        attributes(top.require(NfTablesUapi.NFTA_OBJ_DATA, "data").nested(), ""));
                Map<String, String> library = withoutStringTerminator(expected.type(), attributesOf(expected.data()));
                String l3proto = switch (expected.type()) {
                    case NfTablesUapi.NFT_OBJECT_CT_HELPER -> "2";
                    case NfTablesUapi.NFT_OBJECT_CT_TIMEOUT, NfTablesUapi.NFT_OBJECT_CT_EXPECT -> "1";
                    default -> null;
                };
                if (l3proto != null && !sent.containsKey(l3proto)) {
                    // nft leaves l3proto out when the script does; the kernel takes the table's family
                    assertThat(library.remove(l3proto)).isEqualTo(String.format("%04x", expected.family().protocol()));
                }
                assertThat(sent).as(expected.qualifiedName()).isEqualTo(library);
            }
        }
        Attributes s = requests.getLast().attributes(nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN);
        assertThat(s.require(NfTablesUapi.NFTA_OBJ_TYPE, "type").u32Be()).isEqualTo(NfTablesUapi.NFT_OBJECT_SECMARK);
        assertThat(withoutStringTerminator(NfTablesUapi.NFT_OBJECT_SECMARK, attributes(s.require(NfTablesUapi.NFTA_OBJ_DATA, "data").nested(), "")))
                .isEqualTo(withoutStringTerminator(NfTablesUapi.NFT_OBJECT_SECMARK,
                        attributesOf(new ObjectDefinition.Secmark("system_u:object_r:ssh_server_packet_t:s0"))));
    }

    @Test
    void flowtablesAsNftSendsThem(TestNamespace ns) {
        List<NetlinkMessage> requests = NftRequestDump.requests(ns, """
                table inet t {
                  flowtable f { hook ingress priority filter + 5; devices = { lo, dummy0 }; counter; flags offload; }
                  flowtable g { hook ingress priority -100; devices = { lo }; }
                }
                """, NfTablesUapi.NFT_MSG_NEWFLOWTABLE);
        assertThat(requests).hasSize(2);
        Flowtable f = Flowtable.of(Family.INET, "t", "f", 5, List.of("dummy0", "lo"))
                .withFlags(NfTablesUapi.NFT_FLOWTABLE_COUNTER | NfTablesUapi.NFT_FLOWTABLE_HW_OFFLOAD);
        Flowtable g = Flowtable.of(Family.INET, "t", "g", -100, List.of("lo"));
        assertThat(Flowtable.decode(requests.get(0))).isEqualTo(f);
        assertThat(Flowtable.decode(requests.get(1))).isEqualTo(g);
        assertThat(NftRequestDump.hex(f::writeAttributes)).isEqualTo(NftRequestDump.attributesHex(requests.get(0)));
        assertThat(NftRequestDump.hex(g::writeAttributes)).isEqualTo(NftRequestDump.attributesHex(requests.get(1)));
    }
}
