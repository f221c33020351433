package nftlink.nftables.fuzz;

import nftlink.netlink.DumpCollector;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.Family;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_DUMP;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;
import static nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_SUBSYS_NFTABLES;
import static nftlink.nftables.NfTablesUapi.*;

/**
 * Writes the corpus of {@link DecoderFuzzProperties}: what the kernel lists after
 * nft 1.1.3 loaded each rule set of nftables' own shell-test dumps, and after
 * iptables-nft, ip6tables-nft, ebtables-nft and arptables-nft added their rules.
 * Every message of every dump (tables, chains, sets, elements, rules, objects,
 * flowtables) is kept once, as one hex line.
 *
 * <p>Not part of a normal run: {@code ./run-tests -pl nftables-model
 * -Dtest=DecoderCorpusCapture -Dnftlink.capture=nftables-model/src/test/resources/decoder-corpus}
 * (needs root, {@code /work/shared/tools/nft-ref} or {@code -Dnftlink.nft=PATH}, and
 * the xtables tools).
 */
@KernelTest
@EnabledIfSystemProperty(named = "nftlink.capture", matches = ".+")
class DecoderCorpusCapture {

    private static final Path DUMPS = Path.of(System.getProperty("nftlink.dumps",
            "/work/shared/conformance/nftables-tests-shell-dumps"));
    private static final String NFT = System.getProperty("nftlink.nft", "/work/shared/tools/nft-ref");

    @Test
    void capture(TestNamespace ns) throws IOException {
        Path out = Path.of(System.getProperty("nftlink.capture"));
        Files.createDirectories(out);
        ns.exec("ip", "link", "set", "lo", "up").orThrow();
        ns.exec("ip", "link", "add", "veth0", "type", "veth", "peer", "name", "veth1").orThrow();
        List<Path> files;
        try (Stream<Path> s = Files.walk(DUMPS)) {
            files = s.filter(p -> p.toString().endsWith(".nft")).sorted().toList();
        }
        Set<String> nft = new LinkedHashSet<>();
        int loaded = 0;
        for (Path f : files) {
            ns.exec(NFT, "flush", "ruleset");
            if (ns.exec(NFT, "-f", f.toString()).exitCode() == 0) {
                loaded++;
                captureAll(ns, nft);
            }
        }
        write(out.resolve("nft-shell-dumps.hex"), nft, "nft 1.1.3 -f of " + loaded + " of " + files.size()
                + " nftables shell-test dumps");
        xtables(ns, out);
    }

    private void xtables(TestNamespace ns, Path out) throws IOException {
        List<List<String>> iptables = List.of(
                List.of("iptables-nft", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"),
                List.of("iptables-nft", "-A", "INPUT", "-s", "10.0.0.0/8", "-i", "veth0", "-j", "DROP"),
                List.of("iptables-nft", "-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"),
                List.of("iptables-nft", "-A", "INPUT", "-p", "udp", "-m", "multiport", "--dports", "53,123", "-j", "ACCEPT"),
                List.of("iptables-nft", "-A", "INPUT", "-m", "limit", "--limit", "5/min", "-j", "LOG", "--log-prefix", "in: "),
                List.of("iptables-nft", "-A", "INPUT", "-m", "comment", "--comment", "hello", "-j", "REJECT",
                        "--reject-with", "icmp-host-prohibited"),
                List.of("iptables-nft", "-A", "FORWARD", "-m", "mark", "--mark", "0x1/0xff", "-j", "MARK", "--set-mark", "2"),
                List.of("iptables-nft", "-t", "nat", "-A", "POSTROUTING", "-o", "veth0", "-j", "MASQUERADE"),
                List.of("iptables-nft", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "--dport", "80", "-j", "DNAT",
                        "--to-destination", "10.0.0.2:8080"),
                List.of("iptables-nft", "-t", "mangle", "-A", "PREROUTING", "-p", "tcp", "--tcp-flags", "SYN,RST", "SYN",
                        "-j", "TCPMSS", "--set-mss", "1400"),
                List.of("ip6tables-nft", "-A", "INPUT", "-s", "2001:db8::/32", "-p", "icmpv6", "-j", "ACCEPT"),
                List.of("ip6tables-nft", "-A", "INPUT", "-m", "hl", "--hl-eq", "255", "-j", "DROP"));
        List<List<String>> ebtables = List.of(
                List.of("ebtables-nft", "-A", "INPUT", "-p", "IPv4", "--ip-src", "10.0.0.1", "-j", "DROP"),
                List.of("ebtables-nft", "-A", "FORWARD", "-s", "00:11:22:33:44:55", "-j", "ACCEPT"),
                List.of("ebtables-nft", "-A", "OUTPUT", "--logical-out", "br0", "--log", "-j", "CONTINUE"),
                List.of("ebtables-nft", "-A", "INPUT", "-p", "ARP", "--arp-op", "Request", "-j", "ACCEPT"));
        List<List<String>> arptables = List.of(
                List.of("arptables-nft", "-A", "INPUT", "-s", "10.0.0.1", "-j", "DROP"),
                List.of("arptables-nft", "-A", "OUTPUT", "--opcode", "Request", "-j", "ACCEPT"),
                List.of("arptables-nft", "-A", "INPUT", "-i", "veth0", "--h-length", "6", "-j", "ACCEPT"));
        captureCommands(ns, iptables, out.resolve("iptables-nft.hex"));
        captureCommands(ns, ebtables, out.resolve("ebtables-nft.hex"));
        captureCommands(ns, arptables, out.resolve("arptables-nft.hex"));
    }

    private void captureCommands(TestNamespace ns, List<List<String>> commands, Path file) throws IOException {
        ns.exec(NFT, "flush", "ruleset");
        int ran = 0;
        for (List<String> c : commands) {
            if (ns.exec(c.toArray(String[]::new)).exitCode() == 0) {
                ran++;
            }
        }
        Set<String> lines = new LinkedHashSet<>();
        captureAll(ns, lines);
        write(file, lines, ran + " of " + commands.size() + " " + commands.getFirst().getFirst() + " commands");
    }

    private static void captureAll(TestNamespace ns, Set<String> into) {
        try (NetworkNamespace n = ns.open(); Nftables nft = Nftables.open(n)) {
            for (int message : new int[]{NFT_MSG_GETTABLE, NFT_MSG_GETCHAIN, NFT_MSG_GETSET, NFT_MSG_GETRULE,
                    NFT_MSG_GETOBJ, NFT_MSG_GETFLOWTABLE}) {
                dump(nft, message, null, null, into);
            }
            for (NftSet s : nft.listSets()) {
                dump(nft, NFT_MSG_GETSETELEM, s.family(), w -> {
                    w.attrString(NFTA_SET_ELEM_LIST_TABLE, s.table());
                    w.attrString(NFTA_SET_ELEM_LIST_SET, s.name());
                }, into);
            }
        }
    }

    private static void dump(Nftables nft, int message, Family family, Consumer<MessageWriter> attributes,
                             Set<String> into) {
        List<String> hex = nft.connection().dump((w, seq) -> {
            int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, message),
                    NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK, seq, family == null ? NFPROTO_UNSPEC : family.protocol(), 0);
            if (attributes != null) {
                attributes.accept(w);
            }
            w.endMessage(m);
        }, () -> new DumpCollector<List<String>>() {
            private final List<String> lines = new ArrayList<>();

            @Override
            public void accept(NetlinkMessage m) {
                lines.add(HexFormat.of().formatHex(normalized(m.toByteArray())));
            }

            @Override
            public List<String> result() {
                return lines;
            }
        }, "capture", NFGENMSG_LEN, null);
        into.addAll(hex);
    }

    /** Sequence number and port zeroed, so the same object dumped twice is one line. */
    private static byte[] normalized(byte[] message) {
        for (int i = 8; i < 16; i++) {
            message[i] = 0;
        }
        return message;
    }

    private static void write(Path file, Set<String> lines, String what) throws IOException {
        List<String> out = new ArrayList<>();
        out.add("# " + lines.size() + " netlink messages listed by Linux " + System.getProperty("os.version")
                + " after " + what + "; one message a line, hex");
        out.addAll(lines);
        Files.write(file, out);
    }
}
