package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.AttributeTable;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * What a stateful object holds: the contents of {@code NFTA_OBJ_DATA}, one record
 * per {@code NFT_OBJECT_*} type the library models and {@link Raw} for any other
 * (or for data the typed form would not re-encode byte for byte).
 */
public sealed interface ObjectDefinition {

    /**
     * The {@code NFT_OBJECT_*} type.
     *
     * @return the object type
     */
    int type();

    /**
     * Writes the attributes inside {@code NFTA_OBJ_DATA}, in the order the kernel dumps them.
     *
     * @param w the writer, inside {@code NFTA_OBJ_DATA}
     */
    void write(MessageWriter w);

    /**
     * {@code counter}: packets and bytes counted so far (the initial values when adding).
     *
     * @param packets packets
     * @param bytes   bytes
     */
    record Counter(long packets, long bytes) implements ObjectDefinition {
        /**
         * A counter starting at zero.
         *
         * @return the counter
         */
        public static Counter zero() {
            return new Counter(0, 0);
        }

        @Override public int type() { return NFT_OBJECT_COUNTER; }

        @Override
        public void write(MessageWriter w) {
            w.attrU64Be(NFTA_COUNTER_BYTES, bytes);
            w.attrU64Be(NFTA_COUNTER_PACKETS, packets);
        }
    }

    /**
     * {@code quota}: a byte budget.
     *
     * @param bytes    the quota in bytes
     * @param consumed bytes used so far
     * @param flags    {@code NFT_QUOTA_F_INV} ({@code over}), {@code NFT_QUOTA_F_DEPLETED}
     */
    record Quota(long bytes, long consumed, int flags) implements ObjectDefinition {
        @Override public int type() { return NFT_OBJECT_QUOTA; }

        /**
         * Whether the quota matches only once used up ({@code over}).
         *
         * @return whether the quota is inverted
         */
        public boolean inverted() {
            return (flags & NFT_QUOTA_F_INV) != 0;
        }

        @Override
        public void write(MessageWriter w) {
            w.attrU64Be(NFTA_QUOTA_BYTES, bytes);
            w.attrU64Be(NFTA_QUOTA_CONSUMED, consumed);
            w.attrU32Be(NFTA_QUOTA_FLAGS, flags);
        }
    }

    /**
     * {@code limit}: a token bucket.
     *
     * @param rate      packets or bytes per {@code unit}
     * @param unit      period in seconds (1, 60, 3600, 86400, 604800)
     * @param burst     burst in packets or bytes
     * @param limitType {@code NFT_LIMIT_PKTS} or {@code NFT_LIMIT_PKT_BYTES}
     * @param flags     {@code NFT_LIMIT_F_INV} ({@code rate over})
     */
    record Limit(long rate, long unit, int burst, int limitType, int flags) implements ObjectDefinition {
        @Override public int type() { return NFT_OBJECT_LIMIT; }

        @Override
        public void write(MessageWriter w) {
            w.attrU64Be(NFTA_LIMIT_RATE, rate);
            w.attrU64Be(NFTA_LIMIT_UNIT, unit);
            w.attrU32Be(NFTA_LIMIT_BURST, burst);
            w.attrU32Be(NFTA_LIMIT_TYPE, limitType);
            w.attrU32Be(NFTA_LIMIT_FLAGS, flags);
        }
    }

    /**
     * {@code ct helper}: a conntrack helper to assign with {@code ct helper set}.
     *
     * @param helper  the kernel helper's name, e.g. {@code ftp}
     * @param l3proto {@code NFPROTO_*} ({@code NFPROTO_INET} for both IPv4 and IPv6)
     * @param l4proto IP protocol number (6 for tcp)
     */
    record CtHelper(String helper, int l3proto, int l4proto) implements ObjectDefinition {
        /** Checks the component: {@code helper} must not be null. */
        public CtHelper {
            Objects.requireNonNull(helper, "helper");
        }

        @Override public int type() { return NFT_OBJECT_CT_HELPER; }

        @Override
        public void write(MessageWriter w) {
            w.attrString(NFTA_CT_HELPER_NAME, helper);
            w.attrU8(NFTA_CT_HELPER_L4PROTO, l4proto);
            w.attrU16Be(NFTA_CT_HELPER_L3PROTO, l3proto);
        }
    }

    /**
     * {@code ct timeout}: conntrack timeouts per protocol state, in seconds.
     *
     * @param l3proto  {@code NFPROTO_*}
     * @param l4proto  IP protocol number
     * @param timeouts the value of each state, in the order of the kernel's
     *                 {@code CTA_TIMEOUT_<PROTO>_*} attributes (attribute {@code i + 1} is element {@code i})
     */
    record CtTimeout(int l3proto, int l4proto, List<Integer> timeouts) implements ObjectDefinition {
        /** nft's names of the TCP states, in attribute order. */
        public static final List<String> TCP_STATES = List.of("syn_sent", "syn_recv", "established", "fin_wait",
                "close_wait", "last_ack", "time_wait", "close", "syn_sent2", "retrans", "unack");
        /** nft's defaults for the TCP states (what it sends for a state a policy leaves out). */
        public static final List<Integer> TCP_DEFAULTS = List.of(120, 60, 432000, 120, 60, 30, 120, 10, 120, 300, 300);
        /** nft's names of the UDP states, in attribute order. */
        public static final List<String> UDP_STATES = List.of("unreplied", "replied");
        /** nft's defaults for the UDP states. */
        public static final List<Integer> UDP_DEFAULTS = List.of(30, 120);

        /** Copies {@code timeouts}, which must not be null. */
        public CtTimeout {
            timeouts = List.copyOf(timeouts);
        }

        /**
         * The object nft makes of {@code protocol tcp|udp; l3proto ...; policy = { state : seconds, ... }}:
         * every state not named gets nft's default.
         *
         * @param l3proto the layer 3 family, {@code NFPROTO_*}
         * @param l4proto the layer 4 protocol number
         * @param policy timeouts in seconds by state name; states not named get nft's default
         * @return the object
         * @throws IllegalArgumentException for a protocol other than tcp (6) or udp (17), or an unknown state
         */
        public static CtTimeout of(int l3proto, int l4proto, Map<String, Integer> policy) {
            List<String> states = statesOf(l4proto);
            List<Integer> defaults = defaultsOf(l4proto);
            if (states == null) {
                throw new IllegalArgumentException("nft knows timeout states only for tcp and udp, not protocol " + l4proto);
            }
            List<Integer> values = new ArrayList<>(defaults);
            for (Map.Entry<String, Integer> e : policy.entrySet()) {
                int i = states.indexOf(e.getKey());
                if (i < 0) {
                    throw new IllegalArgumentException("no timeout state \"" + e.getKey() + "\" for protocol " + l4proto);
                }
                values.set(i, e.getValue());
            }
            return new CtTimeout(l3proto, l4proto, values);
        }

        /**
         * nft's state names for {@code l4proto}, or {@code null} when nft has none (it knows tcp and
         * udp).
         *
         * @param l4proto the layer 4 protocol number
         * @return the state names in the kernel's order, or {@code null}
         */
        public static List<String> statesOf(int l4proto) {
            return l4proto == 6 ? TCP_STATES : l4proto == 17 ? UDP_STATES : null;
        }

        /**
         * nft's default timeouts for {@code l4proto}, or {@code null}.
         *
         * @param l4proto the layer 4 protocol number
         * @return the timeouts in seconds in state order, or {@code null}
         */
        public static List<Integer> defaultsOf(int l4proto) {
            return l4proto == 6 ? TCP_DEFAULTS : l4proto == 17 ? UDP_DEFAULTS : null;
        }

        /**
         * The states whose timeout differs from nft's default, by name, in state order (what nft
         * prints).
         *
         * @return timeouts in seconds by state name
         */
        public Map<String, Integer> policy() {
            Map<String, Integer> out = new LinkedHashMap<>();
            List<String> states = statesOf(l4proto);
            List<Integer> defaults = defaultsOf(l4proto);
            if (states == null) {
                return out;
            }
            for (int i = 0; i < states.size(); i++) {
                int value = i < timeouts.size() ? timeouts.get(i) : 0;
                if (value != defaults.get(i)) {
                    out.put(states.get(i), value);
                }
            }
            return out;
        }

        @Override public int type() { return NFT_OBJECT_CT_TIMEOUT; }

        @Override
        public void write(MessageWriter w) {
            w.attrU8(NFTA_CT_TIMEOUT_L4PROTO, l4proto);
            w.attrU16Be(NFTA_CT_TIMEOUT_L3PROTO, l3proto);
            int data = w.beginNested(NFTA_CT_TIMEOUT_DATA, true);
            for (int i = 0; i < timeouts.size(); i++) {
                w.attrU32Be(i + 1, timeouts.get(i));
            }
            w.endNested(data);
        }
    }

    /**
     * {@code ct expectation}: an expectation to create with {@code ct expectation set}.
     *
     * @param l3proto {@code NFPROTO_*}
     * @param l4proto IP protocol number
     * @param dport   destination port of the expected connection
     * @param timeout timeout in milliseconds
     * @param size    maximum number of expectations
     */
    record CtExpectation(int l3proto, int l4proto, int dport, int timeout, int size) implements ObjectDefinition {
        @Override public int type() { return NFT_OBJECT_CT_EXPECT; }

        @Override
        public void write(MessageWriter w) {
            w.attrU16Be(NFTA_CT_EXPECT_L3PROTO, l3proto);
            w.attrU8(NFTA_CT_EXPECT_L4PROTO, l4proto);
            w.attrU16Be(NFTA_CT_EXPECT_DPORT, dport);
            w.attrU32(NFTA_CT_EXPECT_TIMEOUT, timeout);
            w.attrU8(NFTA_CT_EXPECT_SIZE, size);
        }
    }

    /**
     * {@code secmark}: a security context to set as packet mark ({@code meta secmark set}).
     *
     * @param context the LSM context, e.g. {@code system_u:object_r:ssh_server_packet_t:s0}
     */
    record Secmark(String context) implements ObjectDefinition {
        /** Checks the component: {@code context} must not be null. */
        public Secmark {
            Objects.requireNonNull(context, "context");
        }

        @Override public int type() { return NFT_OBJECT_SECMARK; }

        @Override
        public void write(MessageWriter w) {
            w.attrString(NFTA_SECMARK_CTX, context);
        }
    }

    /**
     * {@code synproxy}: the TCP options synproxy announces.
     *
     * @param mss    maximum segment size (16 bits)
     * @param wscale window scale (8 bits)
     * @param flags  {@code NF_SYNPROXY_OPT_*}: which options are set ({@code MSS}, {@code WSCALE},
     *               {@code SACK_PERM}, {@code TIMESTAMP})
     */
    record Synproxy(int mss, int wscale, int flags) implements ObjectDefinition {
        @Override public int type() { return NFT_OBJECT_SYNPROXY; }

        @Override
        public void write(MessageWriter w) {
            w.attrU16Be(NFTA_SYNPROXY_MSS, mss);
            w.attrU8(NFTA_SYNPROXY_WSCALE, wscale);
            w.attrU32Be(NFTA_SYNPROXY_FLAGS, flags);
        }
    }

    /**
     * Data the library does not model (e.g. {@code connlimit} or {@code tunnel} objects), kept as
     * received so it re-encodes to the same bytes.
     *
     * @param type    the {@code NFT_OBJECT_*} type
     * @param rawType the type of the {@code NFTA_OBJ_DATA} attribute as on the wire (flag bits included)
     * @param data    the value of {@code NFTA_OBJ_DATA}, or {@code null} when the message had none
     */
    record Raw(int type, int rawType, byte[] data) implements ObjectDefinition {
        /** Copies {@code data}, which may be null. */
        public Raw {
            data = data == null ? null : data.clone();
        }

        /**
         * The raw {@code NFTA_OBJ_DATA} bytes.
         *
         * @return a copy of the bytes, or {@code null} when the object had no data
         */
        @Override
        public byte[] data() {
            return data == null ? null : data.clone();
        }

        @Override
        public void write(MessageWriter w) {
            if (data != null) {
                w.putBytes(data);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && r.type == type && r.rawType == rawType && Arrays.equals(r.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Raw[type=" + type + ", data=" + (data == null ? "none" : HexFormat.of().formatHex(data)) + "]";
        }
    }

    /**
     * Decodes the data of an object of {@code type}: the typed record when the library models
     * the type and the typed form re-encodes to exactly {@code data}'s bytes, else {@link Raw}.
     *
     * @param type the {@code NFT_OBJECT_*} type
     * @param data the {@code NFTA_OBJ_DATA} attribute, or {@code null}
     * @return the object data
     */
    static ObjectDefinition decode(int type, Attribute data) {
        if (data == null) {
            return new Raw(type, NFTA_OBJ_DATA, null);
        }
        byte[] bytes = data.bytes();
        ObjectDefinition typed;
        try {
            typed = typed(type, data);
        } catch (NetlinkDecodeException | IllegalArgumentException e) {
            typed = null;
        }
        if (typed != null && data.rawType() == NFTA_OBJ_DATA) {
            MessageWriter w = new MessageWriter(bytes.length + 16);
            typed.write(w);
            if (Arrays.equals(w.toByteArray(), bytes)) {
                return typed;
            }
        }
        return new Raw(type, data.rawType(), bytes);
    }

    private static ObjectDefinition typed(int type, Attribute data) {
        AttributeTable tb = data.nested().byType(maxattr(type));
        return switch (type) {
            case NFT_OBJECT_COUNTER -> new Counter(tb.require(NFTA_COUNTER_PACKETS).u64Be(), tb.require(NFTA_COUNTER_BYTES).u64Be());
            case NFT_OBJECT_QUOTA -> new Quota(tb.require(NFTA_QUOTA_BYTES).u64Be(), tb.require(NFTA_QUOTA_CONSUMED).u64Be(),
                    tb.require(NFTA_QUOTA_FLAGS).u32Be());
            case NFT_OBJECT_LIMIT -> new Limit(tb.require(NFTA_LIMIT_RATE).u64Be(), tb.require(NFTA_LIMIT_UNIT).u64Be(),
                    tb.require(NFTA_LIMIT_BURST).u32Be(), tb.require(NFTA_LIMIT_TYPE).u32Be(), tb.require(NFTA_LIMIT_FLAGS).u32Be());
            case NFT_OBJECT_CT_HELPER -> new CtHelper(tb.require(NFTA_CT_HELPER_NAME).string(),
                    tb.require(NFTA_CT_HELPER_L3PROTO).u16Be(), tb.require(NFTA_CT_HELPER_L4PROTO).u8());
            case NFT_OBJECT_CT_TIMEOUT -> {
                List<Integer> values = new ArrayList<>();
                for (Attribute t : tb.require(NFTA_CT_TIMEOUT_DATA).nested()) {
                    if (t.type() != values.size() + 1) {
                        throw new NetlinkDecodeException("ct timeout: state attributes out of order");
                    }
                    values.add(t.u32Be());
                }
                yield new CtTimeout(tb.require(NFTA_CT_TIMEOUT_L3PROTO).u16Be(), tb.require(NFTA_CT_TIMEOUT_L4PROTO).u8(), values);
            }
            case NFT_OBJECT_CT_EXPECT -> new CtExpectation(tb.require(NFTA_CT_EXPECT_L3PROTO).u16Be(),
                    tb.require(NFTA_CT_EXPECT_L4PROTO).u8(), tb.require(NFTA_CT_EXPECT_DPORT).u16Be(),
                    tb.require(NFTA_CT_EXPECT_TIMEOUT).u32(), tb.require(NFTA_CT_EXPECT_SIZE).u8());
            case NFT_OBJECT_SECMARK -> new Secmark(tb.require(NFTA_SECMARK_CTX).string());
            case NFT_OBJECT_SYNPROXY -> new Synproxy(tb.require(NFTA_SYNPROXY_MSS).u16Be(), tb.require(NFTA_SYNPROXY_WSCALE).u8(),
                    tb.require(NFTA_SYNPROXY_FLAGS).u32Be());
            default -> null;
        };
    }

    /**
     * The highest attribute type in the data of an object of {@code type}, as the kernel's
     * {@code nft_object_type.maxattr}; 0 for a type the library does not model.
     */
    private static int maxattr(int type) {
        return switch (type) {
            case NFT_OBJECT_COUNTER -> NFTA_COUNTER_MAX;
            case NFT_OBJECT_QUOTA -> NFTA_QUOTA_MAX;
            case NFT_OBJECT_LIMIT -> NFTA_LIMIT_MAX;
            case NFT_OBJECT_CT_HELPER -> NFTA_CT_HELPER_MAX;
            case NFT_OBJECT_CT_TIMEOUT -> NFTA_CT_TIMEOUT_MAX;
            case NFT_OBJECT_CT_EXPECT -> NFTA_CT_EXPECT_MAX;
            case NFT_OBJECT_SECMARK -> NFTA_SECMARK_MAX;
            case NFT_OBJECT_SYNPROXY -> NFTA_SYNPROXY_MAX;
            default -> 0;
        };
    }
}
