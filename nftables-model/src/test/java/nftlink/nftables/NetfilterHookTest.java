package nftlink.nftables;

import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding the kernel's hook dump messages ({@code nfnetlink_hook.c}'s layout), built here from the constants. */
class NetfilterHookTest {

    private static NetlinkMessage message(int family, Consumer<MessageWriter> attributes) {
        MessageWriter w = new MessageWriter(512);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(Nfnetlink.NFNL_SUBSYS_HOOK, NetfilterHook.NFNL_MSG_HOOK_GET),
                0, 1, family, 0);
        attributes.accept(w);
        w.endMessage(m);
        return NetlinkMessage.parseOne(w.toByteArray());
    }

    @Test
    void decodesABaseChainsHook() {
        NetlinkMessage m = message(NfTablesUapi.NFPROTO_IPV4, w -> {
            w.attrU32Be(NetfilterHook.NFNLA_HOOK_HOOKNUM, NfTablesUapi.NF_INET_LOCAL_IN);
            w.attrU32Be(NetfilterHook.NFNLA_HOOK_PRIORITY, -150);
            w.attrString(NetfilterHook.NFNLA_HOOK_FUNCTION_NAME, "nft_do_chain_ipv4");
            w.attrString(NetfilterHook.NFNLA_HOOK_MODULE_NAME, "nf_tables");
            int info = w.beginNested(NetfilterHook.NFNLA_HOOK_CHAIN_INFO);
            int desc = w.beginNested(NetfilterHook.NFNLA_HOOK_INFO_DESC);
            w.attrString(NetfilterHook.NFNLA_CHAIN_TABLE, "filter");
            w.attrU8(NetfilterHook.NFNLA_CHAIN_FAMILY, NfTablesUapi.NFPROTO_INET);
            w.attrString(NetfilterHook.NFNLA_CHAIN_NAME, "input");
            w.endNested(desc);
            w.attrU32Be(NetfilterHook.NFNLA_HOOK_INFO_TYPE, NetfilterHook.NFNL_HOOK_TYPE_NFTABLES);
            w.endNested(info);
        });

        assertThat(NetfilterHook.decode(m, null)).isEqualTo(new NetfilterHook(NfTablesUapi.NFPROTO_IPV4,
                NfTablesUapi.NF_INET_LOCAL_IN, -150, null, "nft_do_chain_ipv4", "nf_tables", new NetfilterHook.Owner(
                        NetfilterHook.NFNL_HOOK_TYPE_NFTABLES, NfTablesUapi.NFPROTO_INET, "filter", "input", -1)));
    }

    @Test
    void decodesABpfProgramsHookWithTheDeviceAskedFor() {
        NetlinkMessage m = message(NfTablesUapi.NFPROTO_NETDEV, w -> {
            w.attrU32Be(NetfilterHook.NFNLA_HOOK_PRIORITY, 0);
            int info = w.beginNested(NetfilterHook.NFNLA_HOOK_CHAIN_INFO);
            int desc = w.beginNested(NetfilterHook.NFNLA_HOOK_INFO_DESC);
            w.attrU32Be(NetfilterHook.NFNLA_HOOK_BPF_ID, 7);
            w.endNested(desc);
            w.attrU32Be(NetfilterHook.NFNLA_HOOK_INFO_TYPE, NetfilterHook.NFNL_HOOK_TYPE_BPF);
            w.endNested(info);
        });

        NetfilterHook hook = NetfilterHook.decode(m, "veth0");

        assertThat(hook.device()).isEqualTo("veth0");
        assertThat(hook.hookNumber()).isZero();
        assertThat(hook.owner()).isEqualTo(new NetfilterHook.Owner(NetfilterHook.NFNL_HOOK_TYPE_BPF, 0, null, null, 7));
    }

    @Test
    void aMessageWithoutPriorityIsRefused() {
        NetlinkMessage m = message(NfTablesUapi.NFPROTO_IPV4, w -> w.attrU32Be(NetfilterHook.NFNLA_HOOK_HOOKNUM, 1));
        assertThatThrownBy(() -> NetfilterHook.decode(m, null)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("NFNLA_HOOK_PRIORITY");
    }
}
