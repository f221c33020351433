package nftlink.nftables;

import nftlink.netlink.Attributes;
import nftlink.netlink.NetlinkMessage;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.NftParser;
import nftlink.nftables.parse.SetLookup;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flowtables and secmark objects, which this kernel cannot create (no CONFIG_NF_FLOW_TABLE, no
 * secmark LSM): what the parser makes of a script is checked against the bytes nft sends for the
 * same script ({@code nft --debug=mnl}), and the renderers' text parses back to the same objects.
 */
@KernelTest
class ParsedRequestBytesKernelTest {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    static final String FLOWTABLES = """
            table inet t {
            \tflowtable f { hook ingress priority filter + 5; devices = { lo, dummy0, eth0 }; counter; flags offload; }
            \tflowtable g {
            \t\thook ingress priority -100
            \t\tdevices = { lo }
            \t}
            }
            add table ip u
            add flowtable ip u h { hook ingress priority 10; devices = { "lo" }; }
            """;

    private static <T extends NftOperation> List<T> operations(String script, Class<T> type) {
        return PARSER.parse(script, "script.nft").operations().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void flowtablesAsNftSendsThem(TestNamespace ns) {
        List<NetlinkMessage> requests = NftRequestDump.requests(ns, FLOWTABLES, NfTablesUapi.NFT_MSG_NEWFLOWTABLE);
        List<NftOperation.AddFlowtable> parsed = operations(FLOWTABLES, NftOperation.AddFlowtable.class);
        assertThat(requests).hasSize(3);
        assertThat(parsed).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Flowtable sent = Flowtable.decode(requests.get(i));
            Flowtable mine = parsed.get(i).flowtable();
            // nft sends the devices in its own order; the kernel keeps a set of them
            assertThat(mine.devices()).containsExactlyInAnyOrderElementsOf(sent.devices());
            Flowtable ordered = new Flowtable(mine.family(), mine.table(), mine.name(), mine.handle(), mine.use(),
                    mine.hookNumber(), mine.priority(), sent.devices(), mine.flags(), mine.unknown());
            assertThat(ordered).isEqualTo(sent);
            assertThat(NftRequestDump.hex(ordered::writeAttributes)).isEqualTo(NftRequestDump.attributesHex(requests.get(i)));
            assertThat(requests.get(i).toByteArray()[16]).isEqualTo((byte) mine.family().protocol());
        }
    }

    @Test
    void secmarkAsNftSendsIt(TestNamespace ns) {
        String script = """
                table ip t {
                \tsecmark s { "system_u:object_r:ssh_server_packet_t:s0"; comment "ssh"; }
                }
                add secmark ip t s2 { "unconfined_u:object_r:user_home_t:s0" }
                """;
        List<NetlinkMessage> requests = NftRequestDump.requests(ns, script, NfTablesUapi.NFT_MSG_NEWOBJ);
        List<NftOperation.AddObject> parsed = operations(script, NftOperation.AddObject.class);
        assertThat(requests).hasSize(2);
        assertThat(parsed).hasSize(2);
        for (int i = 0; i < 2; i++) {
            NftObject mine = parsed.get(i).nftObject();
            Attributes sent = requests.get(i).attributes(nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN);
            assertThat(sent.require(NfTablesUapi.NFTA_OBJ_NAME, "name").string()).isEqualTo(mine.name());
            assertThat(sent.require(NfTablesUapi.NFTA_OBJ_TYPE, "type").u32Be()).isEqualTo(NfTablesUapi.NFT_OBJECT_SECMARK);
            // libnftnl sends the context without the NUL the kernel's dumps have
            String context = new String(sent.require(NfTablesUapi.NFTA_OBJ_DATA, "data").nested()
                    .require(NfTablesUapi.NFTA_SECMARK_CTX, "ctx").bytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(mine.data()).isEqualTo(new ObjectDefinition.Secmark(context));
            // the text parses back from the rendered block
            String text = "table ip t {\n" + ObjectRenderer.render(mine) + "}\n";
            NftObject back = operations(text, NftOperation.AddObject.class).getFirst().nftObject();
            assertThat(back.data()).isEqualTo(mine.data());
            assertThat(back.comment()).isEqualTo(mine.comment());
        }
        assertThat(parsed.getFirst().nftObject().comment()).isEqualTo("ssh");
    }
}
