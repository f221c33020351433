package nftlink.nftables.lang;

import nftlink.netlink.NetlinkKernelException;
import nftlink.nftables.NetfilterHook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static nftlink.nftables.NfTablesUapi.NFPROTO_ARP;
import static nftlink.nftables.NfTablesUapi.NFPROTO_INET;
import static nftlink.nftables.NfTablesUapi.NFPROTO_IPV4;
import static nftlink.nftables.NfTablesUapi.NFPROTO_IPV6;
import static nftlink.nftables.NfTablesUapi.NFPROTO_NETDEV;
import static nftlink.nftables.NfTablesUapi.NFPROTO_UNSPEC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code list hooks} from the hook dumps of a kernel that has them, through a fake dump: which dumps are asked
 * for, the order and grouping of the functions and their text as nft 1.1.3's mnl.c prints them (this machine's
 * kernel has no hook dump, so ListParityKernelTest compares only the refusals with nft-ref).
 */
class HookListingTest {

    /** Answers from a table; a hook without an entry is refused with EINVAL, as by a kernel without the dump. */
    private static final class FakeDump implements HookListing.Dump {
        final Map<String, List<NetfilterHook>> answers = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        void answer(int protocol, int hook, String device, NetfilterHook... hooks) {
            answers.put(protocol + "/" + hook + "/" + device, List.of(hooks));
        }

        @Override
        public List<NetfilterHook> hooks(int protocol, int hookNumber, String device) {
            String key = protocol + "/" + hookNumber + "/" + device;
            asked.add(key);
            List<NetfilterHook> found = answers.get(key);
            if (found == null) {
                throw new NetlinkKernelException("list hooks", 22, null, -1, null);
            }
            return found;
        }
    }

    private static NetfilterHook chain(int protocol, int hook, int priority, String table, String chain) {
        return new NetfilterHook(protocol, hook, priority, null, "nft_do_chain_ipv4", "nf_tables",
                new NetfilterHook.Owner(NetfilterHook.NFNL_HOOK_TYPE_NFTABLES, NFPROTO_INET, table, chain, -1));
    }

    private static NetfilterHook function(int protocol, int hook, int priority, String name, String module) {
        return new NetfilterHook(protocol, hook, priority, null, name, module, null);
    }

    @Test
    void printsEachHookOfAFamilyWithItsFunctionsByPriority() {
        FakeDump dump = new FakeDump();
        dump.answer(NFPROTO_IPV4, 0, null, function(NFPROTO_IPV4, 0, -400, "ipv4_conntrack_defrag", "nf_defrag_ipv4"),
                function(NFPROTO_IPV4, 0, -200, "ipv4_conntrack_in", "nf_conntrack"));
        dump.answer(NFPROTO_IPV4, 1, null, chain(NFPROTO_IPV4, 1, 0, "t", "in"),
                function(NFPROTO_IPV4, 1, 100, "nf_nat_ipv4_local_in", null));
        dump.answer(NFPROTO_IPV4, 4, null, new NetfilterHook(NFPROTO_IPV4, 4, 2147483647, null, "bpf_prog_run", null,
                new NetfilterHook.Owner(NetfilterHook.NFNL_HOOK_TYPE_BPF, 0, null, null, 42)));

        HookListing.Result result = HookListing.list(dump, NFPROTO_IPV4, null, List.of("lo"));

        assertThat(result.error()).isNull();
        assertThat(result.text()).isEqualTo("""
                family ip {
                \thook prerouting {
                \t\t-0000000400 ipv4_conntrack_defrag [nf_defrag_ipv4]
                \t\t-0000000200 ipv4_conntrack_in [nf_conntrack]
                \t}
                \thook input {
                \t\t 0000000000 chain inet t in [nf_tables]
                \t\t+0000000100 nf_nat_ipv4_local_in
                \t}
                \thook postrouting {
                \t\t+2147483647 bpf_prog_run id 42
                \t}
                }
                """);
        assertThat(dump.asked).containsExactly("2/0/null", "2/1/null", "2/2/null", "2/3/null", "2/4/null");
    }

    /** nft keeps a function after the first one of its hook whose priority is not below it (mnl.c's basehook_list_add_tail). */
    @Test
    void keepsFunctionsOfEqualPriorityAsNftInsertsThem() {
        FakeDump dump = new FakeDump();
        dump.answer(NFPROTO_IPV4, 1, null, function(NFPROTO_IPV4, 1, 0, "a", null), function(NFPROTO_IPV4, 1, 0, "b", null),
                function(NFPROTO_IPV4, 1, 0, "c", null));

        String text = HookListing.list(dump, NFPROTO_IPV4, null, List.of()).text();

        assertThat(text).isEqualTo("family ip {\n\thook input {\n\t\t 0000000000 a\n\t\t 0000000000 c\n\t\t 0000000000 b\n\t}\n}\n");
    }

    @Test
    void inetListsIpThenIp6AndNeverFails() {
        FakeDump dump = new FakeDump();
        dump.answer(NFPROTO_IPV6, 1, null, function(NFPROTO_IPV6, 1, 0, "x", "m"));
        dump.answer(NFPROTO_IPV4, 3, null, function(NFPROTO_IPV4, 3, -1, "y", null));

        HookListing.Result result = HookListing.list(dump, NFPROTO_INET, null, List.of());

        assertThat(result.error()).isNull();
        assertThat(result.text()).isEqualTo("family ip {\n\thook output {\n\t\t-0000000001 y\n\t}\n}\n"
                + "family ip6 {\n\thook input {\n\t\t 0000000000 x [m]\n\t}\n}\n");
    }

    @Test
    void netdevWithoutDeviceAsksEveryInterfaceAndNamesTheDevice() {
        FakeDump dump = new FakeDump();
        dump.answer(NFPROTO_NETDEV, 0, "lo");
        dump.answer(NFPROTO_NETDEV, 1, "lo");
        dump.answer(NFPROTO_NETDEV, 0, "veth0", new NetfilterHook(NFPROTO_NETDEV, 0, -5, "veth0", "nft_do_chain_netdev",
                "nf_tables", new NetfilterHook.Owner(NetfilterHook.NFNL_HOOK_TYPE_NFTABLES, NFPROTO_NETDEV, "n", "i", -1)));

        HookListing.Result result = HookListing.list(dump, NFPROTO_NETDEV, null, List.of("lo", "veth0"));

        assertThat(result.error()).isNull();
        assertThat(result.text()).isEqualTo("family netdev {\n\thook ingress device veth0 {\n"
                + "\t\t-0000000005 chain netdev n i [nf_tables]\n\t}\n}\n");
        assertThat(dump.asked).containsExactly("5/0/lo", "5/1/lo", "5/0/veth0", "5/1/veth0");
    }

    @Test
    void arpAndANetdevDeviceFailOnlyWhenBothHooksAreRefused() {
        FakeDump dump = new FakeDump();
        assertThat(HookListing.list(dump, NFPROTO_ARP, null, List.of()).error()).isNotNull();
        assertThat(HookListing.list(dump, NFPROTO_NETDEV, "lo", List.of()).error().errno().number()).isEqualTo(22);
        dump.answer(NFPROTO_ARP, 1, null, function(NFPROTO_ARP, 1, 0, "arp_out", null));
        HookListing.Result arp = HookListing.list(dump, NFPROTO_ARP, null, List.of());
        assertThat(arp.error()).isNull();
        assertThat(arp.text()).isEqualTo("family arp {\n\thook output {\n\t\t 0000000000 arp_out\n\t}\n}\n");
    }

    @Test
    void everyFamilyAsksArpInetBridgeNetdevAndNeverFails() {
        FakeDump dump = new FakeDump();

        HookListing.Result result = HookListing.list(dump, NFPROTO_UNSPEC, null, List.of("lo"));

        assertThat(result.error()).isNull();
        assertThat(result.text()).isEmpty();
        assertThat(dump.asked).containsExactly("3/0/null", "3/1/null", "2/0/null", "2/1/null", "2/2/null", "2/3/null",
                "2/4/null", "10/0/null", "10/1/null", "10/2/null", "10/3/null", "10/4/null", "7/0/null", "7/1/null",
                "7/2/null", "7/3/null", "7/4/null", "5/0/lo", "5/1/lo");
    }

    @Test
    void aDeviceWhereTheFamilyHasNoneIsWarnedAbout() {
        FakeDump dump = new FakeDump();
        assertThat(HookListing.list(dump, NFPROTO_IPV4, "lo", List.of()).text())
                .isEqualTo("# device keyword (lo) unexpected for this family\n");
    }
}
