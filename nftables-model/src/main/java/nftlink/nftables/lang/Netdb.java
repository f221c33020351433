package nftlink.nftables.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol and service names nft 1.1.3 reads and prints, from the files glibc's
 * {@code getprotobynumber(3)}, {@code getprotobyname(3)} and {@code getservbyname(3)} read:
 * {@code /etc/protocols} and {@code /etc/services}. A number's name is the first line with that
 * number; a name is found as a line's name or one of its aliases, the first line wins. The
 * transport protocols that are keywords of nft's grammar ({@code tcp}, {@code udp}, {@code icmpv6},
 * ...) are numbers whatever the files say. Without a file (a minimal container), the names of the
 * protocols and services nft's own tests use stand in for it.
 */
final class Netdb {

    /** nft's grammar: these words are protocol numbers, not names looked up. */
    private static final Map<String, Integer> PROTOCOL_KEYWORDS = Map.ofEntries(
            Map.entry("tcp", 6), Map.entry("udp", 17), Map.entry("udplite", 136), Map.entry("esp", 50),
            Map.entry("ah", 51), Map.entry("icmp", 1), Map.entry("igmp", 2), Map.entry("icmpv6", 58),
            Map.entry("gre", 47), Map.entry("comp", 108), Map.entry("dccp", 33), Map.entry("sctp", 132));

    private Netdb() {
    }

    /** What {@code getprotobynumber(3)} names {@code number}, or {@code null}. */
    static String protocolName(int number) {
        return Protocols.TABLE.names().get(number);
    }

    /** The protocol number of {@code name} as nft reads it (a keyword, then {@code getprotobyname(3)}), or {@code null}. */
    static Integer protocolNumber(String name) {
        Integer keyword = PROTOCOL_KEYWORDS.get(name);
        return keyword != null ? keyword : Protocols.TABLE.numbers().get(name);
    }

    /** The port of service {@code name} as {@code getservbyname(3)} finds it for any protocol, or {@code null}. */
    static Integer servicePort(String name) {
        return Services.PORTS.get(name);
    }

    /** Numbers to first names, and names and aliases to numbers. */
    private record Table(Map<Integer, String> names, Map<String, Integer> numbers) {
    }

    private static final class Protocols {
        static final Table TABLE = read(Path.of("/etc/protocols"), true, List.of(
                "ip 0", "icmp 1", "igmp 2", "ipencap 4", "tcp 6", "udp 17", "dccp 33", "ipv6 41", "gre 47", "esp 50",
                "ah 51", "ipv6-icmp 58", "ospf 89", "ipip 94", "ipcomp 108", "sctp 132", "udplite 136"));

        private Protocols() {
        }
    }

    private static final class Services {
        static final Map<String, Integer> PORTS = read(Path.of("/etc/services"), false, List.of(
                "ftp 21/tcp", "ssh 22/tcp", "telnet 23/tcp", "smtp 25/tcp mail", "domain 53/tcp", "http 80/tcp www",
                "pop3 110/tcp pop-3", "ntp 123/udp", "imap2 143/tcp imap", "snmp 161/udp", "https 443/tcp",
                "submission 587/tcp", "imaps 993/tcp", "pop3s 995/tcp")).numbers();

        private Services() {
        }
    }

    /**
     * The lines of {@code file} ({@code NAME NUMBER[/PROTO] [ALIAS ...] [# comment]}), or of {@code fallback}
     * when it cannot be read; {@code protocols} says a protocol's number is at most 255.
     */
    private static Table read(Path file, boolean protocols, List<String> fallback) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            lines = fallback;
        }
        Map<Integer, String> names = new HashMap<>();
        Map<String, Integer> numbers = new HashMap<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String[] f = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            int slash = f[1].indexOf('/');
            int number;
            try {
                number = Integer.parseInt(slash < 0 ? f[1] : f[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (number < 0 || number > (protocols ? 255 : 0xffff)) {
                continue;
            }
            names.putIfAbsent(number, f[0]);
            numbers.putIfAbsent(f[0], number);
            for (int i = 2; i < f.length; i++) {
                numbers.putIfAbsent(f[i], number);
            }
        }
        return new Table(Map.copyOf(names), Map.copyOf(numbers));
    }
}
