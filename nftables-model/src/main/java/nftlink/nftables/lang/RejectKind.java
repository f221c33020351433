package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a {@code reject} sends back ({@code reject with icmp CODE}, {@code with icmpv6 CODE}, {@code with icmpx CODE},
 * {@code with tcp reset}), with nft's names of the ICMP, ICMPv6 and ICMPx codes, and the kernel's reject type.
 */
public enum RejectKind {
    /** An ICMP destination unreachable. */
    ICMP("icmp", NfTablesUapi.NFT_REJECT_ICMP_UNREACH, 3, Map.of(0, "net-unreachable", 1, "host-unreachable",
            2, "prot-unreachable", 3, "port-unreachable", 9, "net-prohibited", 10, "host-prohibited", 13, "admin-prohibited")),
    /** An ICMPv6 destination unreachable. */
    ICMPV6("icmpv6", NfTablesUapi.NFT_REJECT_ICMP_UNREACH, 4, Map.of(0, "no-route", 1, "admin-prohibited",
            3, "addr-unreachable", 4, "port-unreachable", 5, "policy-fail", 6, "reject-route")),
    /** ICMP or ICMPv6, whichever fits the packet (inet, bridge and netdev tables). */
    ICMPX("icmpx", NfTablesUapi.NFT_REJECT_ICMPX_UNREACH, 1, Map.of(0, "no-route", 1, "port-unreachable",
            2, "host-unreachable", 3, "admin-prohibited")),
    /** A TCP reset. */
    TCP_RESET("tcp reset", NfTablesUapi.NFT_REJECT_TCP_RST, 0, Map.of());

    private final String nftName;
    private final int kernelType;
    private final int portUnreachable;
    private final Map<Integer, String> codes;

    RejectKind(String nftName, int kernelType, int portUnreachable, Map<Integer, String> codes) {
        this.nftName = nftName;
        this.kernelType = kernelType;
        this.portUnreachable = portUnreachable;
        this.codes = new TreeMap<>(codes);
    }

    /**
     * nft's name after {@code with}: {@code icmp}, {@code icmpv6}, {@code icmpx}, {@code tcp reset}.
     *
     * @return the name
     */
    public String nftName() {
        return nftName;
    }

    /**
     * The kernel's {@code NFT_REJECT_*} type.
     *
     * @return the type
     */
    public int kernelType() {
        return kernelType;
    }

    /**
     * The port unreachable code, which a plain {@code reject} sends (0 for a TCP reset).
     *
     * @return the code
     */
    public int portUnreachable() {
        return portUnreachable;
    }

    /**
     * nft's name of {@code code}, or the number when nft has none.
     *
     * @param code the code
     * @return the name or number
     */
    public String codeName(int code) {
        return codes.getOrDefault(code, Integer.toString(code));
    }

    /**
     * Whether nft has a name for {@code code}.
     *
     * @param code the code
     * @return whether nft names it
     */
    public boolean names(int code) {
        return codes.containsKey(code);
    }

    /**
     * The code nft names {@code name}, or written as a number from 0 to 255; empty otherwise.
     *
     * @param name the name or number
     * @return the code, or empty
     */
    public OptionalInt code(String name) {
        for (Map.Entry<Integer, String> e : codes.entrySet()) {
            if (e.getValue().equals(name)) {
                return OptionalInt.of(e.getKey());
            }
        }
        if (name.matches("\\d{1,3}") && Integer.parseInt(name) < 256) {
            return OptionalInt.of(Integer.parseInt(name));
        }
        return OptionalInt.empty();
    }

    /**
     * The code names, for error messages.
     *
     * @return the names, comma separated
     */
    public String codeNames() {
        return String.join(", ", new TreeSet<>(codes.values()));
    }

    /**
     * The kind nft names {@code name} after {@code with}, or {@code null}.
     *
     * @param name the name
     * @return the kind, or {@code null}
     */
    public static RejectKind named(String name) {
        for (RejectKind k : values()) {
            if (k.nftName.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
