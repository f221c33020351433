package nftlink.nftables.xt;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.XtMatch;
import nftlink.nftables.expr.XtTarget;

import java.util.HexFormat;
import java.util.List;

/**
 * Info structs as the kernel listed them for rules iptables-nft 1.8.9 and ip6tables-nft wrote
 * (captured from {@link XtListingKernelTest}'s rules), each with the text nft 1.1.3 listed for it
 * ({@code null}: nft's {@code xt match|target "NAME"}).
 */
final class CapturedStructs {
    private CapturedStructs() {
    }

    /** One listed extension: its table's family, the protocol matched before it, and nft's text. */
    record Captured(Family family, Expression expression, int protocol, String text) {
        XtContext context() {
            return new XtContext(family, protocol);
        }
    }

    /** A struct of {@code length} zero bytes with the hex runs written at their offsets ({@code offset, "hex", ...}). */
    static Bytes struct(int length, Object... runs) {
        byte[] b = new byte[length];
        for (int i = 0; i < runs.length; i += 2) {
            byte[] run = HexFormat.of().parseHex((String) runs[i + 1]);
            System.arraycopy(run, 0, b, (Integer) runs[i], run.length);
        }
        return Bytes.of(b);
    }

    static Captured match(Family family, String name, int revision, Bytes info, int protocol, String text) {
        return new Captured(family, new XtMatch(name, revision, info), protocol, text);
    }

    static Captured target(Family family, String name, int revision, Bytes info, String text) {
        return new Captured(family, new XtTarget(name, revision, info), 0, text);
    }

    static final Family IP = Family.IP;
    static final Family IP6 = Family.IP6;

    static final List<Captured> ALL = List.of(
            match(IP, "comment", 0, struct(256, 0, "68656c6c6f20776f726c64"), 0, ""),
            match(IP, "conntrack", 3, struct(168, 146, "0100000006"), 0, "ct state related,established"),
            match(IP, "conntrack", 3, struct(168, 146, "010001000901"), 0, "ct state ! invalid,new,untracked"),
            match(IP, "conntrack", 3, struct(168, 146, "0100000040"), 0, "ct status snat"),
            match(IP, "conntrack", 3, struct(168, 136, "0600", 146, "420000000000 0c00".replace(" ", "")), 0,
                    "ct original protocol 6 ct status assured,confirmed"),
            match(IP, "conntrack", 3, struct(168, 0, "0a000000", 16, "ff000000", 96, "c0a80101", 112,
                    "ffffffffffffffffffffffffffffffff", 146, "24100010"), 0,
                    "ct direction reply ct original saddr 10.0.0.0/8 ct reply daddr 192.168.1.1"),
            match(IP6, "conntrack", 3, struct(168, 0, "20010db8", 16, "ffffffff", 146, "0400"), 0,
                    "ct original saddr 2001:db8::/32"),
            match(IP, "multiport", 1, struct(48, 0, "01025000bb01"), 6, "tcp dport { 80, 443 }"),
            match(IP, "multiport", 1, struct(48, 0, "00033500e803d007", 33, "01"), 17, "udp sport { 53, 1000-2000 }"),
            match(IP, "multiport", 1, struct(48, 0, "01011600", 47, "01"), 6, "tcp dport != 22"),
            match(IP, "multiport", 1, struct(48, 0, "0102e803d007", 32, "01"), 6, "tcp dport 1000-2000"),
            match(IP, "multiport", 1, struct(48, 0, "020216005000"), 6,
                    "tcp sport . tcp dport { 0-65535 . 22, 22 . 0-65535, 0-65535 . 80, 80 . 0-65535 }"),
            match(IP, "multiport", 1, struct(48, 0, "010288137017"), 132, "sctp dport { 5000, 6000 }"),
            match(IP, "multiport", 1, struct(48, 0, "01025000bb01"), 0, null),
            match(IP, "tcp", 0, struct(16, 0, "0000ffff0000ffff02"), 6, "tcp option 2 exists"),
            match(IP, "tcp", 0, struct(16, 0, "0000ffff160016000800000800"), 6, "tcp dport 22 tcp option 8 missing"),
            match(IP, "tcp", 0, struct(16, 0, "0004ffff0000ffff001202"), 6, "tcp sport 1024-65535 tcp flags syn / syn,ack"),
            match(IP, "udp", 0, struct(16, 0, "0000ffff35003500"), 17, "udp dport 53"),
            match(IP, "udp", 0, struct(16, 0, "0000ffff0000ffff"), 17, "meta l4proto udp"),
            match(IP, "icmp", 0, struct(8, 0, "0800ff00"), 1, "icmp type echo-request"),
            match(IP, "icmp", 0, struct(8, 0, "0b00ff01"), 1, "icmp type != time-exceeded"),
            match(IP, "icmp", 0, struct(8, 0, "03040400"), 1, null),
            match(IP, "icmp", 0, struct(8, 0, "ff00ff00"), 1, "ip protocol icmp"),
            match(IP6, "icmp6", 0, struct(8, 0, "8000ff00"), 58, "icmpv6 type echo-request"),
            match(IP6, "icmp6", 0, struct(8, 0, "8700ff00"), 58, "icmpv6 type nd-neighbor-solicit"),
            match(IP6, "icmp6", 0, struct(8, 0, "0200ff01"), 58, "icmpv6 type != packet-too-big"),
            match(IP6, "icmp6", 0, struct(8, 0, "01030300"), 58, null),
            match(IP, "owner", 1, struct(24, 0, "e8030000e8030000", 16, "01"), 0, "skuid 1000"),
            match(IP, "owner", 1, struct(24, 0, "0000000063000000", 16, "0101"), 0, "skuid != 0-99"),
            match(IP, "owner", 1, struct(24, 8, "6400000064000000", 16, "02"), 0, "skgid 100"),
            match(IP, "owner", 1, struct(24, 8, "6400000064000000", 16, "06"), 0, null),
            match(IP, "mark", 1, struct(16, 0, "01000000ff000000"), 0, "mark and 0xff == 0x1"),
            match(IP, "mark", 1, struct(16, 0, "00400000ffffffff01"), 0, "mark != 0x4000"),
            match(IP, "connmark", 1, struct(16, 0, "02000000ffffffff"), 0, "ct mark 0x2"),
            match(IP, "connmark", 1, struct(16, 0, "010000000f00000001"), 0, "ct mark and 0xf != 0x1"),
            match(IP, "addrtype", 1, struct(8, 0, "0000040000000000"), 0, "fib daddr type local"),
            match(IP, "addrtype", 1, struct(8, 0, "2800000004000000"), 0, "fib saddr . iif type { broadcast, multicast }"),
            match(IP, "addrtype", 1, struct(8, 0, "0400000009000000"), 0, "fib saddr . oif type != local"),
            match(IP, "limit", 0, struct(40, 0, "60ea000014000000"), 0, "limit rate 10/minute burst 20 packets"),
            match(IP, "limit", 0, struct(40, 0, "00987f3305000000"), 0, "limit rate 1/day burst 5 packets"),
            match(IP, "pkttype", 0, struct(8, 0, "01000000"), 0, "pkttype broadcast"),
            match(IP, "pkttype", 0, struct(8, 0, "0200000001000000"), 0, "pkttype != multicast"),
            match(IP, "iprange", 1, struct(72, 0, "0a000001", 16, "0a000009", 64, "01"), 0, "ip saddr 10.0.0.1-10.0.0.9"),
            match(IP, "iprange", 1, struct(72, 32, "c0a80001", 48, "c0a800c8", 64, "22"), 0,
                    "ip daddr != 192.168.0.1-192.168.0.200"),
            match(IP6, "iprange", 1, struct(72, 0, "20010db8000000000000000000000001", 16, "20010db8000000000000000000000009",
                    64, "01"), 0, "ip6 saddr 2001:db8::1-2001:db8::9"),
            match(IP, "set", 4, struct(48, 0, "00000102"), 0, null),
            match(IP, "physdev", 0, struct(72, 0, "7665746830", 16, "ffffffffffff", 66, "0005"), 0, null),
            target(IP, "REJECT", 0, struct(8, 0, "03"), "reject"),
            target(IP, "REJECT", 0, struct(8, 0, "06"), "reject with icmp type host-prohibited"),
            target(IP, "REJECT", 0, struct(8, 0, "00"), "reject with icmp type net-unreachable"),
            target(IP, "REJECT", 0, struct(8, 0, "02"), "reject with icmp type prot-unreachable"),
            target(IP, "REJECT", 0, struct(8, 0, "08"), "reject with icmp type admin-prohibited"),
            target(IP, "REJECT", 0, struct(8, 0, "07"), "reject with tcp reset"),
            target(IP, "REJECT", 0, struct(8, 0, "04"), null),
            target(IP6, "REJECT", 0, struct(8, 0, "04"), "reject"),
            target(IP6, "REJECT", 0, struct(8, 0, "01"), "reject with icmpv6 type admin-prohibited"),
            target(IP6, "REJECT", 0, struct(8, 0, "00"), "reject with icmpv6 type no-route"),
            target(IP6, "REJECT", 0, struct(8, 0, "03"), "reject with icmpv6 type addr-unreachable"),
            target(IP6, "REJECT", 0, struct(8, 0, "06"), "reject with tcp reset"),
            target(IP, "LOG", 0, struct(32, 0, "040064726f707065643a20"), "log prefix \"dropped: \""),
            target(IP, "LOG", 0, struct(32, 0, "070b"), "log level debug flags tcp sequence,options flags skuid"),
            target(IP, "LOG", 0, struct(32, 0, "0124"), "log level alert flags ip options flags ether"),
            target(IP, "LOG", 0, struct(32, 0, "042f"), "log flags all"),
            target(IP6, "LOG", 0, struct(32, 0, "03007636"), "log prefix \"v6\" level err"),
            target(IP, "MASQUERADE", 0, struct(24, 0, "01"), "masquerade"),
            target(IP, "MASQUERADE", 0, struct(24, 0, "0100000006", 16, "040007d0"), "masquerade to :1024-2000 random"),
            target(IP, "MASQUERADE", 0, struct(24, 0, "0100000010"), "masquerade fully-random"),
            target(IP, "SNAT", 0, struct(24, 0, "01000000010000000102030401020309"), "snat to 1.2.3.4-1.2.3.9"),
            target(IP, "SNAT", 0, struct(24, 0, "0100000007000000010203040102030403e807d0"), "snat to 1.2.3.4:1000-2000 random"),
            target(IP, "SNAT", 0, struct(24, 0, "02000000010000000102030401020309"), null),
            target(IP, "DNAT", 2, struct(48, 0, "03000000ac110002", 20, "ac110002", 36, "00500050"), "dnat to 172.17.0.2:80"),
            target(IP, "DNAT", 2, struct(48, 0, "090000000a000001", 20, "0a000005"), "dnat to 10.0.0.1-10.0.0.5 persistent"),
            target(IP, "DNAT", 2, struct(48, 0, "23000000ac110002", 20, "ac110002", 36, "00500050"), null),
            target(IP, "REDIRECT", 0, struct(24, 0, "0100000002", 16, "0c380c38"), "redirect to :3128"),
            target(IP, "REDIRECT", 0, struct(24, 0, "01"), "redirect"),
            target(IP6, "MASQUERADE", 0, struct(40), "masquerade"),
            target(IP6, "SNAT", 1, struct(40, 0, "0100000020010db8000000000000000000000001", 20, "20010db8000000000000000000000005"),
                    "snat to 2001:db8::1-2001:db8::5"),
            target(IP6, "DNAT", 2, struct(48, 0, "0300000020010db8000000000000000000000002", 20,
                    "20010db8000000000000000000000002", 36, "1f901f90"), "dnat to [2001:db8::2]:8080"),
            target(IP6, "REDIRECT", 0, struct(40, 0, "02", 36, "1f901f90"), "redirect to :8080"),
            target(IP, "MARK", 2, struct(8, 0, "0040000000400000"), "meta mark set mark or 0x4000"),
            target(IP, "MARK", 2, struct(8, 0, "05000000ffffffff"), "meta mark set 0x5"),
            target(IP, "MARK", 2, struct(8, 0, "0000000000ffffff"), "meta mark set mark and 0xff"),
            target(IP, "MARK", 2, struct(8, 0, "0040000000000000"), "meta mark set mark xor 0x4000"),
            target(IP, "MARK", 2, struct(8, 0, "01000000ff000000"), "meta mark set mark and 0xffffff00 xor 0x1"),
            target(IP, "CONNMARK", 2, struct(16, 0, "00000000ffffffffffffffff00000100"), "ct mark set mark"),
            target(IP, "CONNMARK", 2, struct(16, 0, "00000000ffffffffffffffff00000200"), "meta mark set ct mark"),
            target(IP, "CONNMARK", 2, struct(16, 0, "00000000ff000000ff00000000000100"), "ct mark set mark and 0xff"),
            target(IP, "CONNMARK", 2, struct(16, 0, "000000000f000000ff00000000000200"), null),
            target(IP, "CONNMARK", 2, struct(16, 0, "07000000ffffffffffffffff00000000"), "ct mark set 0x7"),
            target(IP, "CONNMARK", 2, struct(16, 0, "01000000ff000000ffffffff00000000"), "ct mark set ct mark xor 0x1 and 0xffffff00"),
            target(IP, "CONNMARK", 2, struct(16, 0, "1000000010000000ffffffff00000000"), "ct mark set ct mark or 0x10"),
            target(IP, "CONNMARK", 2, struct(16, 0, "00000000ffffffffffffffff01040100"), "ct mark set ( mark ) >> 4"),
            target(IP, "TCPMSS", 0, struct(8, 0, "ffff"), "tcp option maxseg size set rt mtu"),
            target(IP, "TCPMSS", 0, struct(8, 0, "7805"), "tcp option maxseg size set 1400"),
            target(IP, "CT", 2, struct(72, 12, "736970"), null),
            target(IP, "CT", 2, struct(72, 0, "01"), "notrack"),
            target(IP, "CT", 2, struct(72, 0, "03"), "notrack"),
            target(IP, "CT", 1, struct(72, 0, "01"), null),
            target(IP, "NOTRACK", 0, Bytes.empty(), null));
}
