package nftlink.examples.cli;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Nftables;
import nftlink.testing.KernelTest;
import nftlink.testing.NftRef;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Nftables.listRulesetText()} prints what {@code nftlink list ruleset} prints (#16). */
@KernelTest
class ListRulesetTextKernelTest {

    @Test
    void theLibraryListsAsTheCommandLineTool(TestNamespace ns) {
        ns.addIfb("ifbtext0");
        NftRef.apply(ns, """
                table inet app {
                    counter hits { }
                    set blocked { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.0.2.1 }; }
                    map ports { type inet_service : verdict; elements = { 22 : accept, 80 : drop }; }
                    chain input {
                        type filter hook input priority 0; policy accept;
                        iif "ifbtext0" tcp dport vmap @ports
                        ip saddr @blocked counter name "hits" drop
                        tcp dport { 22, 2222 } jump { udp dport 53 accept; }
                    }
                }
                table ip nat { chain post { type nat hook postrouting priority srcnat; masquerade; }; }
                """);
        String cli = Cli.in(ns, "list", "ruleset").out();
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            assertThat(nft.listRulesetText()).isEqualTo(cli).isEqualTo(NftRef.list(ns)).contains("iif \"ifbtext0\"");
        }
    }
}
