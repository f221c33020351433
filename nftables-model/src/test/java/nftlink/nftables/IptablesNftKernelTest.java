package nftlink.nftables;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.XtMatch;
import nftlink.nftables.expr.XtTarget;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule sets written by iptables-nft, ip6tables-nft, ebtables-nft and arptables-nft
 * (Debian's {@code iptables} package, which {@code run-tests} installs as root):
 * xtables matches and targets the kernel runs
 * through nft_compat list as typed {@link XtMatch} and {@link XtTarget} expressions,
 * render as nft's libnftnl prints them, and re-encode to the very bytes the kernel
 * listed. Without iptables-nft the test is skipped (under CI it fails).
 *
 * <p>Adding such a listed rule again needs more than its expressions: iptables-nft
 * also sends {@code NFTA_RULE_COMPAT} (the rule's layer-4 protocol, which matches
 * such as {@code icmp} and targets such as {@code TCPMSS} check), and the kernel
 * does not list it.
 */
@KernelTest
class IptablesNftKernelTest {

    /** iptables-nft, ip6tables-nft, ebtables-nft and arptables-nft commands, each run in the test namespace. */
    static final List<String> COMMANDS = List.of(
            "iptables-nft -A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT",
            "iptables-nft -A INPUT -p tcp --dport 22 -m limit --limit 5/min -j LOG --log-prefix ssh_",
            "iptables-nft -A INPUT -p tcp -m multiport --dports 80,443 -m comment --comment web -j REJECT --reject-with tcp-reset",
            "iptables-nft -A INPUT -m recent --set --name x",
            "iptables-nft -A INPUT -m addrtype --dst-type LOCAL -j ACCEPT",
            "iptables-nft -A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 -j DROP",
            "iptables-nft -A INPUT -m string --algo bm --string foo -j DROP",
            "iptables-nft -A INPUT -m hashlimit --hashlimit-above 10/sec --hashlimit-name h -j DROP",
            "iptables-nft -A INPUT -m state --state INVALID -j DROP",
            "iptables-nft -A INPUT -m length --length 100:200 -j ACCEPT",
            "iptables-nft -A INPUT -m pkttype --pkt-type broadcast -j DROP",
            "iptables-nft -A INPUT -p icmp --icmp-type echo-request -j ACCEPT",
            "iptables-nft -A INPUT -m connlimit --connlimit-above 5 -j REJECT",
            "iptables-nft -A OUTPUT -m owner --uid-owner 1000 -j DROP",
            "iptables-nft -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu",
            "iptables-nft -t mangle -A PREROUTING -j MARK --set-mark 0x10",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --restore-mark",
            "iptables-nft -t mangle -A POSTROUTING -j DSCP --set-dscp 10",
            "iptables-nft -t nat -A POSTROUTING -o lo -j MASQUERADE",
            "iptables-nft -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.1:8080",
            "iptables-nft -t nat -A POSTROUTING -s 10.0.0.0/8 -j SNAT --to-source 1.2.3.4",
            "iptables-nft -t nat -A PREROUTING -p tcp --dport 81 -j REDIRECT --to-ports 8081",
            "iptables-nft -t raw -A PREROUTING -p udp --dport 53 -j CT --notrack",
            "ip6tables-nft -A INPUT -m conntrack --ctstate RELATED -j ACCEPT",
            "ip6tables-nft -A INPUT -p ipv6-icmp -j REJECT --reject-with icmp6-adm-prohibited",
            "ip6tables-nft -A INPUT -m hl --hl-eq 255 -j ACCEPT",
            "ebtables-nft -A INPUT -p IPv4 --ip-src 10.0.0.1 -j ACCEPT",
            "ebtables-nft -A INPUT --log-prefix eb -j DROP",
            "ebtables-nft -A INPUT --mark 0x5 -j ACCEPT",
            "ebtables-nft -A FORWARD -p 802_1Q --vlan-id 5 -j DROP",
            "ebtables-nft -t nat -A PREROUTING -j mark --mark-set 0x3 --mark-target CONTINUE",
            "arptables-nft -A OUTPUT -j mangle --mangle-ip-s 10.0.0.2");

    private static void requireIptablesNft() {
        boolean present = List.of("iptables-nft", "ip6tables-nft", "ebtables-nft", "arptables-nft").stream()
                .allMatch(tool -> Files.isExecutable(Path.of("/usr/sbin", tool)));
        if (!present) {
            String why = "iptables-nft is not installed (Debian package iptables; run-tests installs it as root)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the iptables-nft test, but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
    }

    private static void writeRules(TestNamespace ns) {
        for (String command : COMMANDS) {
            ns.exec(command.split(" ")).orThrow();
        }
    }

    @Test
    void rulesWrittenByIptablesNftListLosslesslyAndReEncodeByteIdentically(TestNamespace ns) {
        requireIptablesNft();
        writeRules(ns);
        Map<String, String> expected = KernelRuleDump.ruleBlocks(ns.nft("--debug=netlink", "list", "ruleset").orThrow());
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            List<KernelRuleDump.Dumped> dumped = KernelRuleDump.dump(nft);
            assertThat(dumped).hasSize(COMMANDS.size());
            assertThat(expected).hasSize(COMMANDS.size());
            Set<String> matches = new TreeSet<>();
            Set<String> targets = new TreeSet<>();
            for (KernelRuleDump.Dumped d : dumped) {
                Rule r = d.rule();
                assertThat(KernelRuleDump.hasRaw(r)).as("raw expression in %s", r.toDebugString()).isFalse();
                assertThat(r.toDebugString()).as("rule %s", KernelRuleDump.key(r)).isEqualTo(expected.get(KernelRuleDump.key(r)));
                assertThat(KernelRuleDump.encode(r.expressions())).as("bytes of %s", r.toDebugString()).isEqualTo(d.expressions());
                for (Expression e : r.expressions()) {
                    if (e instanceof XtMatch m) {
                        matches.add(m.match());
                        assertThat(m.info().length()).as("info of %s", m.match()).isPositive();
                    } else if (e instanceof XtTarget t) {
                        targets.add(t.target());
                        assertThat(t.info().length()).as("info of %s", t.target()).isPositive();
                    }
                }
            }
            assertThat(matches).contains("conntrack", "multiport", "comment", "recent", "addrtype", "iprange", "string",
                    "hashlimit", "length", "pkttype", "icmp", "connlimit", "owner", "hl", "ip", "mark_m", "vlan");
            assertThat(targets).contains("LOG", "REJECT", "TCPMSS", "MARK", "CONNMARK", "DSCP", "MASQUERADE", "DNAT",
                    "SNAT", "REDIRECT", "CT", "log", "mark", "mangle");
        }
    }
}
