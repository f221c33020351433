package nftlink.nftables.lang;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** nft's names for the values of its symbolic datatypes ({@code tcp_flag}, {@code icmp_code}, {@code dscp}, ...) and of ICMP types. */
final class DatatypeSymbols {

    private DatatypeSymbols() {
    }

    /**
     * Names of the values of symbolic types, in nft's order (the first name of a
     * value is the one printed); bit-mask types name single bits.
     */
    static final Map<Datatype, SequencedMap<String, Integer>> SYMBOLS;

    private static void symbols(Map<Datatype, SequencedMap<String, Integer>> into, Datatype type, Object... pairs) {
        LinkedHashMap<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        into.put(type, Collections.unmodifiableSequencedMap(m));
    }

    static {
        Map<Datatype, SequencedMap<String, Integer>> symbols = new EnumMap<>(Datatype.class);
        symbols(symbols, Datatype.TCP_FLAG, "fin", 0x01, "syn", 0x02, "rst", 0x04, "psh", 0x08, "ack", 0x10, "urg", 0x20, "ecn", 0x40, "cwr", 0x80);
        symbols(symbols, Datatype.DCCP_PKTTYPE, "request", 0, "response", 1, "data", 2, "ack", 3, "dataack", 4, "closereq", 5, "close", 6,
                "reset", 7, "sync", 8, "syncack", 9);
        symbols(symbols, Datatype.MH_TYPE, "binding-refresh-request", 0, "home-test-init", 1, "careof-test-init", 2, "home-test", 3,
                "careof-test", 4, "binding-update", 5, "binding-acknowledgement", 6, "binding-error", 7,
                "fast-binding-update", 8, "fast-binding-acknowledgement", 9, "fast-binding-advertisement", 10,
                "experimental-mobility-header", 11, "home-agent-switch-message", 12);
        symbols(symbols, Datatype.CT_DIR, "original", 0, "reply", 1);
        symbols(symbols, Datatype.CT_STATUS, "expected", 0x1, "seen-reply", 0x2, "assured", 0x4, "confirmed", 0x8, "snat", 0x10,
                "dnat", 0x20, "dying", 0x200);
        symbols(symbols, Datatype.ICMP_CODE, "net-unreachable", 0, "host-unreachable", 1, "prot-unreachable", 2, "port-unreachable", 3,
                "frag-needed", 4, "net-prohibited", 9, "host-prohibited", 10, "admin-prohibited", 13);
        symbols(symbols, Datatype.ICMPV6_CODE, "no-route", 0, "admin-prohibited", 1, "addr-unreachable", 3, "port-unreachable", 4,
                "policy-fail", 5, "reject-route", 6);
        symbols(symbols, Datatype.DEVGROUP, "default", 0);
        symbols(symbols, Datatype.REALM, "cosmos", 0);
        symbols(symbols, Datatype.FIB_ADDR, "unspec", 0, "unicast", 1, "local", 2, "broadcast", 3, "anycast", 4, "multicast", 5,
                "blackhole", 6, "unreachable", 7, "prohibit", 8);
        symbols(symbols, Datatype.DSCP, "cs0", 0x00, "cs1", 0x08, "cs2", 0x10, "cs3", 0x18, "cs4", 0x20, "cs5", 0x28, "cs6", 0x30,
                "cs7", 0x38, "df", 0x00, "be", 0x00, "lephb", 0x01, "af11", 0x0a, "af12", 0x0c, "af13", 0x0e,
                "af21", 0x12, "af22", 0x14, "af23", 0x16, "af31", 0x1a, "af32", 0x1c, "af33", 0x1e, "af41", 0x22,
                "af42", 0x24, "af43", 0x26, "va", 0x2c, "ef", 0x2e);
        symbols(symbols, Datatype.ECN, "not-ect", 0, "ect1", 1, "ect0", 2, "ce", 3);
        symbols(symbols, Datatype.BOOLEAN, "exists", 1, "missing", 0, "true", 1, "false", 0);
        symbols(symbols, Datatype.CT_EVENT, "new", 0x1, "related", 0x2, "destroy", 0x4, "reply", 0x8, "assured", 0x10, "protoinfo", 0x20,
                "helper", 0x40, "mark", 0x80, "seqadj", 0x100, "secmark", 0x200, "label", 0x400);
        symbols(symbols, Datatype.MPTCP_SUBTYPE, "mp-capable", 0, "mp-join", 1, "dss", 2, "add-addr", 3, "remove-addr", 4, "mp-prio", 5,
                "mp-fail", 6, "mp-fastclose", 7, "mp-tcprst", 8);
        symbols(symbols, Datatype.IGMP_TYPE, "membership-query", 0x11, "membership-report-v1", 0x12, "membership-report-v2", 0x16,
                "membership-report-v3", 0x22, "leave-group", 0x17);
        SYMBOLS = Collections.unmodifiableMap(symbols);
    }

    /** nft's names of ICMP types, by type number. */
    static final List<String> ICMP_TYPES;
    /** nft's names of ICMPv6 types, by type number. */
    static final List<String> ICMPV6_TYPES;

    static {
        String[] icmp = {"0", "echo-reply", "3", "destination-unreachable", "4", "source-quench", "5", "redirect",
                "8", "echo-request", "9", "router-advertisement", "10", "router-solicitation", "11", "time-exceeded",
                "12", "parameter-problem", "13", "timestamp-request", "14", "timestamp-reply", "15", "info-request",
                "16", "info-reply", "17", "address-mask-request", "18", "address-mask-reply"};
        ICMP_TYPES = byNumber(icmp);
        String[] icmpv6 = {"1", "destination-unreachable", "2", "packet-too-big", "3", "time-exceeded",
                "4", "parameter-problem", "128", "echo-request", "129", "echo-reply", "130", "mld-listener-query",
                "131", "mld-listener-report", "132", "mld-listener-done", "133", "nd-router-solicit",
                "134", "nd-router-advert", "135", "nd-neighbor-solicit", "136", "nd-neighbor-advert",
                "137", "nd-redirect", "138", "router-renumbering", "141", "ind-neighbor-solicit",
                "142", "ind-neighbor-advert", "143", "mld2-listener-report"};
        ICMPV6_TYPES = byNumber(icmpv6);
    }

    /** The names of {@code pairs} (number, name, ...) at their numbers, {@code null} between them. */
    private static List<String> byNumber(String[] pairs) {
        String[] names = new String[256];
        for (int i = 0; i < pairs.length; i += 2) {
            names[Integer.parseInt(pairs[i])] = pairs[i + 1];
        }
        return Collections.unmodifiableList(Arrays.asList(names));
    }
}
