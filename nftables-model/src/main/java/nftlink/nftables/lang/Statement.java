package nftlink.nftables.lang;

import nftlink.nftables.SynproxyFlag;
import nftlink.nftables.QueueFlag;
import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.TimeUnit;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One statement of a rule as a person writes it: a {@link Match}, a verdict,
 * {@code counter}, {@code meta ... set}, or a kernel expression the language does
 * not (yet) express, kept as is.
 */
public sealed interface Statement permits Match, Statement.VerdictStatement, Statement.CounterStatement,
        Statement.MetaSet, Statement.CtSet, Statement.PayloadSet, Statement.KernelExpression, Statement.LogStatement, Statement.LimitStatement,
        Statement.RejectStatement, Statement.QuotaStatement, Statement.NotrackStatement, Statement.NatStatement,
        Statement.MasqueradeStatement, Statement.RedirectStatement, Statement.VerdictMap, Statement.QueueStatement,
        Statement.TproxyStatement, Statement.SynproxyStatement, Statement.DupStatement, Statement.FwdStatement,
        Statement.ObjectReference, Statement.ObjectMap, Statement.LastStatement, Statement.DynsetStatement, Statement.SetFromField,
        Statement.ConnlimitStatement, Statement.TcpOptionReset, Statement.ChainBinding {

    /**
     * {@code accept}, {@code drop}, {@code jump CHAIN}, ...
     *
     * @param verdict the verdict
     */
    record VerdictStatement(Verdict verdict) implements Statement {
        /** Checks the component: {@code verdict} must not be null. */
        public VerdictStatement {
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * {@code counter}: counts packets and bytes.
     *
     * @param packets initial or listed packet count
     * @param bytes   initial or listed byte count
     */
    record CounterStatement(long packets, long bytes) implements Statement {
    }

    /**
     * {@code meta KEY set VALUE}, e.g. {@code meta mark set 0x2}.
     *
     * @param field the meta key to set
     * @param value the value, exactly as long as the key
     */
    record MetaSet(MetaField field, Bytes value) implements Statement {
        /** Checks the components: neither may be null, and {@code value} must have the key's length. */
        public MetaSet {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            if (value.length() != field.length()) {
                throw new IllegalArgumentException(field.text() + " takes " + field.length() + " bytes, not " + value.length());
            }
        }
    }

    /**
     * {@code ct [original|reply] KEY set VALUE}, e.g. {@code ct mark set 0x2}, {@code ct zone set 1}.
     *
     * @param field the conntrack key (and direction) to set
     * @param value the value, exactly as long as the key
     */
    record CtSet(CtField field, Bytes value) implements Statement {
        /** Checks the components: neither may be null, and {@code value} must have the key's length. */
        public CtSet {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            if (value.length() != field.length()) {
                throw new IllegalArgumentException(field.text() + " takes " + field.length() + " bytes, not " + value.length());
            }
        }
    }

    /**
     * {@code FIELD set VALUE} for a header field: {@code ip ttl set 23}, {@code ip dscp set af23},
     * {@code tcp option maxseg size set 1360}; the kernel updates the header's checksum.
     *
     * @param field a header, bit or extension-header field
     * @param value the value in the field's register form
     */
    record PayloadSet(Field field, Bytes value) implements Statement {
        /**
         * Checks the components: neither may be null, the field must be one the kernel can write, and
         * the value must fit it.
         */
        public PayloadSet {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            String why = PayloadWrite.unsupported(field);
            if (why != null) {
                throw new IllegalArgumentException("unsupported: " + why);
            }
            if (value.length() != field.length()) {
                throw new IllegalArgumentException(field.text() + " takes " + field.length() + " bytes, not " + value.length());
            }
        }
    }

    /**
     * A kernel expression the rule language does not express; kept so nothing is
     * lost, and rendered in libnftnl's form.
     *
     * @param expression the kernel expression as the kernel lists it
     */
    record KernelExpression(Expression expression) implements Statement {
        /** Checks the component: {@code expression} must not be null. */
        public KernelExpression {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /**
     * {@code log [prefix "P"] [level L] [flags all] [group G]}.
     *
     * @param prefix log prefix, or {@code null}
     * @param level  the level, or {@code null} to send none (the kernel then uses warn; listings cannot tell the two
     *               apart and read warn back as {@code null})
     * @param flags  what each message carries besides the packet
     * @param group  nflog group, or {@code null} for the kernel log
     * @param snaplen        nflog: bytes of each packet to copy, or {@code null}
     * @param queueThreshold nflog: packets to queue before sending, or {@code null}
     */
    record LogStatement(String prefix, LogLevel level, Set<LogFlag> flags, Integer group, Integer snaplen,
                        Integer queueThreshold) implements Statement {
        /** Copies {@code flags}, which must not be null; the other components may be null. */
        public LogStatement {
            flags = Set.copyOf(flags);
        }

        /**
         * {@code log [prefix "P"] [level L] [flags ...] [group G]} without nflog tuning.
         *
         * @param prefix log prefix, or {@code null}
         * @param level the level, or {@code null} for none (the kernel then uses warn)
         * @param flags what each message carries besides the packet; not null
         * @param group nflog group, or {@code null} for the kernel log
         */
        public LogStatement(String prefix, LogLevel level, Set<LogFlag> flags, Integer group) {
            this(prefix, level, flags, group, null, null);
        }

        /**
         * {@code log}: the kernel log at the default level.
         *
         * @return a log statement with no prefix, level, flags or group
         */
        public static LogStatement plain() {
            return new LogStatement(null, null, Set.of(), null);
        }

        /**
         * {@code log prefix "P"}.
         *
         * @param prefix the log prefix; not null
         * @return a log statement with that prefix and nothing else
         */
        public static LogStatement withPrefix(String prefix) {
            return new LogStatement(prefix, null, Set.of(), null);
        }
    }

    /**
     * {@code limit rate [over] RATE/UNIT [burst N packets|bytes]}.
     *
     * @param rate   packets or bytes per period
     * @param period the period
     * @param burst  burst size in packets or bytes (an unsigned 32-bit number)
     * @param bytes  whether the rate counts bytes rather than packets
     * @param over   whether it matches above the rate instead of under it
     */
    record LimitStatement(long rate, TimeUnit period, long burst, boolean bytes, boolean over) implements Statement {
        /**
         * Checks the components: {@code period} must not be null and {@code burst} must be an unsigned
         * 32-bit number.
         */
        public LimitStatement {
            Objects.requireNonNull(period, "period");
            if (burst < 0 || burst > 0xffffffffL) {
                throw new IllegalArgumentException("limit burst is a 32-bit number: " + burst);
            }
        }

        /**
         * {@code limit rate RATE/UNIT} in packets, with nft's default burst of 5.
         *
         * @param rate packets per period
         * @param period the period; not null
         * @return the statement, matching under the rate
         */
        public static LimitStatement packets(long rate, TimeUnit period) {
            return new LimitStatement(rate, period, 5, false, false);
        }
    }

    /**
     * {@code reject [with icmp|icmpv6|icmpx CODE | with tcp reset]}.
     *
     * @param kind what is sent back
     * @param code the ICMP, ICMPv6 or ICMPx code (0 for a TCP reset)
     */
    record RejectStatement(RejectKind kind, int code) implements Statement {
        /** Checks the components: {@code kind} must not be null and {@code code} must run from 0 to 255. */
        public RejectStatement {
            Objects.requireNonNull(kind, "kind");
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("reject codes run from 0 to 255: " + code);
            }
        }

        /**
         * {@code reject with KIND} and its port unreachable code.
         *
         * @param kind the reject type (ICMP, ICMPv6 or ICMPx); not null
         * @return the statement
         */
        public static RejectStatement portUnreachable(RejectKind kind) {
            return new RejectStatement(kind, kind.portUnreachable());
        }

        /**
         * {@code reject} as nft writes it without {@code with}: port unreachable in the family's ICMP
         * flavour.
         *
         * @param family the table's family
         * @return the statement nft compiles for a bare {@code reject} in that family
         */
        public static RejectStatement defaultFor(Family family) {
            return portUnreachable(switch (family) {
                case IP -> RejectKind.ICMP;
                case IP6 -> RejectKind.ICMPV6;
                default -> RejectKind.ICMPX;
            });
        }

    }

    /**
     * {@code quota [over] N UNIT [used N UNIT]}.
     *
     * @param bytes the quota
     * @param used  bytes already consumed
     * @param over  whether it matches once the quota is exceeded
     */
    record QuotaStatement(long bytes, long used, boolean over) implements Statement {
    }

    /** {@code notrack}. */
    record NotrackStatement() implements Statement {
    }

    /**
     * {@code snat|dnat [ip|ip6] to ADDR[-ADDR][:PORT[-PORT]]}, or the address computed from the
     * packet: {@code dnat to ct mark map { 0x14 : 1.2.3.4 }}, {@code dnat to numgen inc mod 2 offset 167772161}.
     *
     * @param destination   {@code dnat} rather than {@code snat}
     * @param addressMin    first address, or {@code null} when only the port changes or the address is computed
     * @param addressMax    last address (same as the first for one address)
     * @param portMin       first port, or {@code null}
     * @param portMax       last port
     * @param flags         flags (random, persistent, netmap, ...)
     * @param addressSource what computes the address: a data map of addresses, or numgen or a hash
     *                      (an IPv4 address as a number); {@code null} for fixed addresses
     */
    record NatStatement(boolean destination, Bytes addressMin, Bytes addressMax, Integer portMin, Integer portMax,
                        Set<NatFlag> flags, Field addressSource) implements Statement {
        /**
         * Copies {@code flags} and checks that a computed address ({@code addressSource}) comes
         * without fixed addresses or ports.
         */
        public NatStatement {
            flags = Set.copyOf(flags);
            StatementChecks.nat(flags, addressMin, addressMax, portMin, portMax, addressSource);
        }

        /**
         * Whether the address comes with a port, from a map to {@code ADDRESS . PORT}.
         *
         * @return whether the map's data is {@code ADDRESS . PORT}
         */
        public boolean sourcesPort() {
            return addressSource instanceof MapLookupField m && !m.dataParts().isEmpty();
        }

        /**
         * Whether the map gives ranges ({@code 192.168.2.2-192.168.2.4}, {@code 10.0.0.0/24 .
         * 8000-8999}).
         *
         * @return whether the map's data are ranges
         */
        public boolean sourcesRanges() {
            return addressSource instanceof MapLookupField m && m.dataRanges();
        }

        /**
         * {@code snat prefix to ...}: the map's address prefix is mapped onto the packet's
         * (NF_NAT_RANGE_NETMAP).
         *
         * @return whether this is a netmap (prefix to prefix) translation
         */
        public boolean netmap() {
            return flags.contains(NatFlag.NETMAP);
        }

        /**
         * Fixed addresses and ports.
         *
         * @param destination {@code dnat} rather than {@code snat}
         * @param addressMin first address, or {@code null} when only the port changes
         * @param addressMax last address (same as the first for one address)
         * @param portMin first port, or {@code null}
         * @param portMax last port
         * @param flags flags (random, persistent, netmap, ...); not null
         */
        public NatStatement(boolean destination, Bytes addressMin, Bytes addressMax, Integer portMin, Integer portMax,
                            Set<NatFlag> flags) {
            this(destination, addressMin, addressMax, portMin, portMax, flags, null);
        }

        /**
         * {@code dnat to ADDR:PORT} (or without port when {@code port} is {@code null}).
         *
         * @param address the address (4 or 16 bytes); not null
         * @param port the port, or {@code null} to keep the packet's
         * @return the statement
         */
        public static NatStatement dnat(Bytes address, Integer port) {
            return new NatStatement(true, address, address, port, port, Set.of());
        }

        /**
         * {@code snat to ADDR}.
         *
         * @param address the address (4 or 16 bytes); not null
         * @return the statement
         */
        public static NatStatement snat(Bytes address) {
            return new NatStatement(false, address, address, null, null, Set.of());
        }

        /**
         * The address length: 4 for IPv4, 16 for IPv6 (0 when only the port changes).
         *
         * @return the address length in bytes: 4, 16 or 0
         */
        public int addressLength() {
            if (addressSource != null) {
                return addressSource instanceof MapLookupField m ? m.datatype().length() : 4;
            }
            return addressMin == null ? 0 : addressMin.length();
        }
    }

    /**
     * {@code masquerade [to :PORT[-PORT]] [FLAGS]}; ports {@code null} when none.
     *
     * @param portMin first port, or {@code null}
     * @param portMax last port, or {@code null}
     * @param flags flags (random, persistent, fully-random); not null
     */
    record MasqueradeStatement(Integer portMin, Integer portMax, Set<NatFlag> flags) implements Statement {
        /** Copies {@code flags}, which must not be null. */
        public MasqueradeStatement {
            flags = Set.copyOf(flags);
        }

        /**
         * {@code masquerade}.
         *
         * @return masquerade without ports or flags
         */
        public static MasqueradeStatement plain() {
            return new MasqueradeStatement(null, null, Set.of());
        }
    }

    /**
     * {@code redirect [to :PORT[-PORT]]}, or {@code redirect to :tcp dport map { 22 : 8000 }}.
     *
     * @param portMin    first port, or {@code null} when none (or computed)
     * @param portMax    last port
     * @param flags      flags (random, persistent, ...)
     * @param portSource a data map of ports the port is looked up in, or {@code null}
     */
    record RedirectStatement(Integer portMin, Integer portMax, Set<NatFlag> flags, Field portSource) implements Statement {
        /**
         * Copies {@code flags} and checks that a port source is a map of {@code inet_service} without
         * fixed ports.
         */
        public RedirectStatement {
            flags = Set.copyOf(flags);
            if (portSource != null && (portMin != null
                    || !(portSource instanceof MapLookupField m && m.datatype() == Datatype.INET_SERVICE))) {
                throw new IllegalArgumentException("unsupported: redirect to :" + portSource.text()
                        + " (a computed port comes from a map of ports)");
            }
        }

        /**
         * Fixed ports, or none.
         *
         * @param portMin first port, or {@code null} when none
         * @param portMax last port
         * @param flags flags (random, persistent, ...); not null
         */
        public RedirectStatement(Integer portMin, Integer portMax, Set<NatFlag> flags) {
            this(portMin, portMax, flags, null);
        }
    }

    /**
     * {@code FIELD vmap { KEY : VERDICT, ... }} or {@code FIELD vmap @NAME}: the
     * verdict comes from a map lookup.
     *
     * @param field   what is looked up
     * @param entries the entries of an anonymous map (empty for a named one)
     * @param named   the name of a named verdict map, or {@code null}
     */
    record VerdictMap(Field field, List<Entry> entries, String named) implements Statement {

        /**
         * One {@code KEY [STATEFUL ...] : VERDICT} entry; the key may be a value, prefix, range or the
         * catch-all {@code *}; the element's stateful statements ({@code counter}, ...) may be empty.
         *
         * @param key the key: a value, prefix, range or {@code *}
         * @param verdict the verdict for packets whose key matches
         * @param statements the element's stateful statements (may be empty)
         */
        public record Entry(Value key, Verdict verdict, List<Statement> statements) {
            /** Checks that the key is a value, prefix, range or catch-all, and copies {@code statements}. */
            public Entry {
                if (!(key instanceof Value.Single || key instanceof Value.Prefix || key instanceof Value.Range
                        || key instanceof Value.CatchAll)) {
                    throw new IllegalArgumentException("map keys are values, prefixes, ranges or *");
                }
                Objects.requireNonNull(verdict, "verdict");
                statements = List.copyOf(statements);
            }

            /**
             * An entry without stateful statements.
             *
             * @param key the key: a value, prefix, range or {@code *}
             * @param verdict the verdict for packets whose key matches
             */
            public Entry(Value key, Verdict verdict) {
                this(key, verdict, List.of());
            }
        }

        /**
         * Checks the components: {@code field} not null; a map is anonymous with entries or named
         * without them.
         */
        public VerdictMap {
            Objects.requireNonNull(field, "field");
            entries = List.copyOf(entries);
            if (entries.isEmpty() == (named == null)) {
                throw new IllegalArgumentException("a verdict map is either anonymous with entries or named");
            }
        }

        /**
         * Whether the anonymous map needs the interval flag.
         *
         * @return whether any key is a prefix or range
         */
        public boolean hasIntervals() {
            return entries.stream().anyMatch(e -> e.key() instanceof Value.Prefix || e.key() instanceof Value.Range);
        }
    }

    /**
     * {@code queue [flags bypass,fanout] to N[-M]}: hands the packet to user space; or
     * {@code queue to SOURCE}, the queue number computed from the packet
     * ({@code queue to symhash mod 4}, {@code queue to numgen inc mod 2},
     * {@code queue to oifname map { "eth0" : 0, "eth1" : 1 }}).
     *
     * @param first  first queue number (0 with a source)
     * @param last   last queue number (the same as {@code first} for one queue)
     * @param flags  {@code bypass}, {@code fanout}
     * @param source what computes the queue number (numgen, a hash or a map lookup), or {@code null}
     */
    record QueueStatement(int first, int last, Set<QueueFlag> flags, Field source) implements Statement {
        /** Copies {@code flags} and checks the components: queue numbers run from 0 to 65535 with {@code first <= last}. */
        public QueueStatement {
            flags = Set.copyOf(flags);
            StatementChecks.queue(first, last, flags, source);
        }
    }

    /**
     * {@code tproxy [ip|ip6] to [ADDR][:PORT]}: diverts the packet to a local socket.
     *
     * @param family  {@code NFPROTO_IPV4}, {@code NFPROTO_IPV6}, or 0 when the table's family decides
     * @param address the address, or {@code null}
     * @param port    the port, or {@code null}
     */
    record TproxyStatement(int family, Bytes address, Integer port) implements Statement {
        /** Checks the components: an address or a port (or both) must be given. */
        public TproxyStatement {
            if (address == null && port == null) {
                throw new IllegalArgumentException("tproxy needs an address or a port");
            }
        }
    }

    /**
     * {@code synproxy [mss N] [wscale N] [timestamp] [sack-perm]}.
     *
     * @param mss    maximum segment size, or {@code null} when not given
     * @param wscale window scale, or {@code null} when not given
     * @param flags  {@code timestamp}, {@code sack-perm}
     */
    record SynproxyStatement(Integer mss, Integer wscale, Set<SynproxyFlag> flags) implements Statement {
        /** Copies {@code flags}. */
        public SynproxyStatement {
            flags = Set.copyOf(flags);
        }
    }

    /**
     * {@code dup to ADDR [device DEV]} or {@code dup to DEV}: copies the packet; the address or the
     * device may come from a map ({@code dup to ip saddr map { ... } device "lo"}, {@code dup to meta
     * mark map { 0x1 : "eth0" }}).
     *
     * @param address       the address to send the copy to, or {@code null}
     * @param device        the interface index, or {@code null}
     * @param addressSource a map of addresses the address is looked up in, or {@code null}
     * @param deviceSource  a map of interfaces the device is looked up in, or {@code null}
     */
    record DupStatement(Bytes address, Integer device, Field addressSource, Field deviceSource) implements Statement {
        /** Checks the components: an address or a device, fixed or from a map, must be given. */
        public DupStatement {
            StatementChecks.dup(address, device, addressSource, deviceSource);
        }

        /**
         * Fixed address and device.
         *
         * @param address the address to send the copy to, or {@code null}
         * @param device the interface index, or {@code null}
         */
        public DupStatement(Bytes address, Integer device) {
            this(address, device, null, null);
        }
    }

    /**
     * {@code fwd to DEV} or {@code fwd ip|ip6 to ADDR device DEV}: forwards the packet (netdev ingress);
     * the device may come from a map ({@code fwd to meta mark map { 0x1 : "eth0" }}).
     *
     * @param device       the interface index (0 with a source)
     * @param address      the next hop, or {@code null}
     * @param deviceSource a map of interfaces the device is looked up in, or {@code null}
     */
    record FwdStatement(int device, Bytes address, Field deviceSource) implements Statement {
        /** Checks the components: a device from a map comes without a fixed device or address. */
        public FwdStatement {
            StatementChecks.fwd(device, address, deviceSource);
        }

        /**
         * A fixed device (and next hop).
         *
         * @param device the interface index
         * @param address the next hop, or {@code null}
         */
        public FwdStatement(int device, Bytes address) {
            this(device, address, null);
        }
    }

    /**
     * A named stateful object the rule uses: {@code counter name "c"}, {@code quota name "q"},
     * {@code limit name "l"}, {@code ct helper set "ftp"}, {@code ct timeout set "t"},
     * {@code ct expectation set "e"}, {@code synproxy name "s"}, {@code meta secmark set "m"}.
     *
     * @param type   the object's type
     * @param object the object's name
     */
    record ObjectReference(ObjectType type, String object) implements Statement {
        /** Checks the components: neither may be null and the name must not be empty. */
        public ObjectReference {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(object, "object");
            if (object.isEmpty()) {
                throw new IllegalArgumentException("an object name is not empty");
            }
        }
    }

    /**
     * A stateful object chosen by a lookup: {@code counter name tcp dport map { 443 : "https", 80 : "http" }}
     * or {@code quota name ip saddr map @quotas}.
     *
     * @param type    the objects' type
     * @param key     what is looked up
     * @param entries the entries of an anonymous map (empty for a named one)
     * @param named   the name of a named object map, or {@code null}
     */
    record ObjectMap(ObjectType type, Field key, List<Entry> entries, String named) implements Statement {

        /**
         * One {@code KEY : "OBJECT"} entry; the key may be a value, a prefix or a range ({@code 192.168.1.0/24 :
         * "https-synproxy"}, {@code udp . 10000-20000 : "sip-5060u"}).
         *
         * @param key the key: a value, prefix or range
         * @param object the name of the object packets with that key use
         */
        public record Entry(Value key, String object) {
            /** Checks that the key is a value, prefix or range. */
            public Entry {
                if (!(key instanceof Value.Single || key instanceof Value.Prefix || key instanceof Value.Range)) {
                    throw new IllegalArgumentException("object map keys are values, prefixes or ranges");
                }
                Objects.requireNonNull(object, "object");
            }

            /**
             * {@code KEY : "OBJECT"} for one value.
             *
             * @param key the key value
             * @param object the name of the object packets with that key use
             */
            public Entry(Bytes key, String object) {
                this(new Value.Single(key), object);
            }
        }

        /**
         * Checks the components: {@code type} and {@code key} not null; a map is anonymous with
         * entries or named without them.
         */
        public ObjectMap {
            entries = List.copyOf(entries);
            StatementChecks.objectMap(type, key, entries, named);
        }

        /**
         * Whether the anonymous map needs the interval flag.
         *
         * @return whether any key is a prefix or range
         */
        public boolean hasIntervals() {
            return entries.stream().anyMatch(e -> !(e.key() instanceof Value.Single));
        }
    }

    /**
     * {@code last}: when the rule last matched.
     *
     * @param usedMillis milliseconds since it last matched, or {@code null} for never
     */
    record LastStatement(Long usedMillis) implements Statement {
    }

    /**
     * {@code add|update|delete @SET { KEY [timeout T] [STATEFUL ...] [: DATA] }}: changes a set from the
     * packet path; stateful statements live in the element ({@code update @flood { ip saddr limit rate
     * over 10/second }}, {@code add @seen { ip saddr counter }}, {@code add @c { ip saddr ct count over 4 }}).
     *
     * @param op       what it does to the element
     * @param set      the set's name
     * @param key      what makes the element's key
     * @param data     what makes the element's data (maps), or {@code null}
     * @param timeout  the element's timeout (whole milliseconds on the wire), or {@code null} for the set's
     * @param stateful counter, limit, quota and ct count statements of the element (the set needs
     *                 {@code flags dynamic})
     */
    record DynsetStatement(SetOperation op, String set, Field key, Field data, Duration timeout, List<Statement> stateful)
            implements Statement {
        /**
         * Checks the components: {@code op}, {@code set} and {@code key} not null; copies {@code
         * stateful}.
         */
        public DynsetStatement {
            stateful = List.copyOf(stateful);
            StatementChecks.dynset(op, set, key, stateful);
        }

        /**
         * Without stateful statements.
         *
         * @param op what it does to the element
         * @param set the set's name
         * @param key what makes the element's key
         * @param data what makes the element's data (maps), or {@code null}
         * @param timeout the element's timeout, or {@code null} for the set's
         */
        public DynsetStatement(SetOperation op, String set, Field key, Field data, Duration timeout) {
            this(op, set, key, data, timeout, List.of());
        }
    }

    /**
     * {@code meta|ct KEY set FIELD}, e.g. {@code ct mark set meta mark},
     * {@code ct mark set ct mark | 0x1}: a key set from another value of the packet; or a
     * header field changed in place, {@code ip dscp set ip dscp | af11}, {@code tcp flags set tcp flags & (syn | ack)},
     * or set from another value, {@code ip saddr set ip daddr}. The datatypes follow nft's rules.
     *
     * @param target a meta or ct key, or a header field
     * @param source what it is set to; for a header field changed in place, that field {@code &} or {@code |} a constant
     */
    record SetFromField(Field target, Field source) implements Statement {
        /**
         * Checks that the source fits the target as nft has it: a datatype the target takes, and for a header field
         * written whole the same length, else that field with a constant.
         */
        public SetFromField {
            StatementChecks.setFromField(target, source);
        }

        /**
         * Whether this changes a header field in place ({@code ip dscp set ip dscp | af11}).
         *
         * @return whether the target is a header field changed in place
         */
        public boolean changesHeader() {
            return (target instanceof PayloadField || target instanceof PayloadBitField || target instanceof RawPayloadField)
                    && source instanceof MaskedField m
                    && m.field().equals(target);
        }

        /**
         * Whether this writes an extension header field from the packet ({@code tcp option maxseg size
         * set rt mtu}).
         *
         * @return whether the target is an extension header field
         */
        public boolean writesOption() {
            return target instanceof ExthdrField;
        }

        /**
         * Whether this writes a whole header field from a value of the packet ({@code ip daddr set iifname map @m},
         * {@code ip saddr set ip daddr}, {@code ip saddr set numgen inc mod 2}).
         *
         * @return whether the target is a header field written from a register
         */
        public boolean writesHeader() {
            return target instanceof PayloadField && !changesHeader();
        }
    }

    /**
     * {@code ct count [over] N}: matches while the connections of the flow (in a set's
     * element, or all) are at most (or, with over, more than) {@code count}.
     *
     * @param count the number of connections
     * @param over whether it matches above {@code count} instead of at or under it
     */
    record ConnlimitStatement(int count, boolean over) implements Statement {
    }

    /**
     * {@code reset tcp option NAME|KIND}: overwrites a TCP option with NOPs.
     *
     * @param kind the option's kind (0 to 255)
     */
    record TcpOptionReset(int kind) implements Statement {
        /** Checks the component: the kind runs from 0 to 255. */
        public TcpOptionReset {
            if (kind < 0 || kind > 255) {
                throw new IllegalArgumentException("tcp option kinds run from 0 to 255: " + kind);
            }
        }
    }

    /**
     * {@code jump { RULE; ... }} or {@code goto { ... }}: the rules of an anonymous chain bound to this rule
     * (the kernel's {@code NFT_CHAIN_BINDING}); it goes when the rule goes.
     *
     * @param goTo  {@code goto} rather than {@code jump}
     * @param chain the name the kernel gave the chain ({@code __chain7}) when listed, or {@code null}
     * @param rules the chain's rules, in order
     */
    record ChainBinding(boolean goTo, String chain, List<RuleSpec> rules) implements Statement {
        /** Copies {@code rules}, which must not be null. */
        public ChainBinding {
            rules = List.copyOf(rules);
        }
    }
}
