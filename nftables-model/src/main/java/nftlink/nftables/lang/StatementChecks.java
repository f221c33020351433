package nftlink.nftables.lang;

import nftlink.nftables.QueueFlag;
import nftlink.nftables.Bytes;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Hash;
import nftlink.nftables.expr.Numgen;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the statements with computed operands take, checked when one is made: the sources nft
 * accepts for nat, header and option writes, and queue numbers, with the reason for a refusal.
 */
final class StatementChecks {

    private StatementChecks() {
    }

    static void nat(Set<NatFlag> flags, Bytes addressMin, Bytes addressMax, Integer portMin, Integer portMax, Field addressSource) {
        if (addressSource != null) {
            if (addressMin != null || portMin != null) {
                throw new IllegalArgumentException("nat takes a computed address alone");
            }
            boolean addresses = addressSource instanceof MapLookupField m
                    && (m.datatype() == Datatype.IPV4_ADDR || m.datatype() == Datatype.IPV6_ADDR)
                    && (m.dataParts().isEmpty() || m.dataParts().equals(List.of(m.datatype(), Datatype.INET_SERVICE)));
            boolean number = addressSource instanceof ExpressionField x && x.length() == 4
                    && x.datatype() == Datatype.HOST_INTEGER || addressSource instanceof HashField;
            if (flags.contains(NatFlag.NETMAP)
                    && !(addressSource instanceof MapLookupField m && m.dataRanges() && m.dataParts().isEmpty())) {
                throw new IllegalArgumentException("nat prefix maps address prefixes: it takes a map to address ranges or prefixes");
            }
            if (!addresses && !number) {
                throw new IllegalArgumentException("unsupported: nat to " + addressSource.text()
                        + " (nftlink maps to addresses, or takes numgen or a hash as an IPv4 address)");
            }
        } else if (addressMin == null && portMin == null) {
            throw new IllegalArgumentException("nat needs an address or a port");
        } else if (flags.contains(NatFlag.NETMAP)) {
            throw new IllegalArgumentException("nat prefix takes its prefixes from a map");
        }
        if (addressMin != null && (addressMax == null || addressMax.length() != addressMin.length())) {
            throw new IllegalArgumentException("nat address range bounds must have the same length");
        }
        if (portMin != null && portMax == null) {
            throw new IllegalArgumentException("nat port range needs both bounds");
        }
    }

    static void setFromField(Field target, Field source) {
        boolean raw = target instanceof RawPayloadField;
        boolean header = target instanceof PayloadField || target instanceof PayloadBitField || raw;
        boolean inPlace = header && source instanceof MaskedField m && m.field().equals(target);
        boolean option = target instanceof ExthdrField x && !x.presence() && x.mask() == null
                && source instanceof ExpressionField && source.length() == x.length();
        if (target instanceof ExthdrField && !option) {
            throw new IllegalArgumentException("unsupported: " + target.text() + " set from " + source.text()
                    + " (an extension header field is set from a constant or from rt mtu)");
        }
        if (header && PayloadWrite.unsupported(target) != null) {
            throw new IllegalArgumentException("unsupported: " + PayloadWrite.unsupported(target));
        }
        if (raw && !inPlace) {
            throw new IllegalArgumentException("unsupported: " + target.text() + " set from " + source.text()
                    + " (raw header bits are set from a constant or changed in place)");
        }
        if (!(target instanceof MetaField) && !(target instanceof CtField) && !header && !option) {
            throw new IllegalArgumentException("unsupported: setting " + target.text() + " from the packet");
        }
        if (source instanceof ConcatField) {
            throw new IllegalArgumentException("unsupported: " + target.text() + " set from a concatenation");
        }
        String mismatch = inPlace ? null : StatementArgument.mismatch(target, source);
        if (mismatch != null) {
            throw new IllegalArgumentException(mismatch);
        }
        if (header && !inPlace && !PayloadWrite.whole(target)) {
            // nft rewrites such a field with the bits around it, which only a constant or the field itself changed can give
            throw new IllegalArgumentException("payload statement for this expression is not supported");
        }
    }

    /**
     * Whether nft sets the mark {@code target} from {@code source} whatever its length, swapping a network-order value
     * to host order: a mark takes any value of a type based on the integer (nft-ref: {@code meta mark set meta nfproto},
     * {@code ct mark set ip6 saddr}, {@code meta mark set tcp dport} load; {@code meta mark set ct state} or
     * {@code ether saddr} are datatype mismatches).
     *
     * @param target the field set
     * @param source the field it is set from
     * @return whether the lengths may differ
     */
    static boolean markFromInteger(Field target, Field source) {
        boolean mark = target.equals(MetaField.MARK) || target.equals(CtField.MARK);
        return mark && !(source instanceof MapLookupField) && StatementArgument.mismatch(target, source) == null;
    }

    static void queue(int first, int last, Set<QueueFlag> flags, Field source) {
        if (first < 0 || last > 0xffff || last < first) {
            throw new IllegalArgumentException("queue numbers run from 0 to 65535, low to high: " + first + "-" + last);
        }
        if (source != null && (first != 0 || last != 0)) {
            throw new IllegalArgumentException("a queue number is either fixed or computed");
        }
        if (source != null && !(source instanceof ExpressionField) && !(source instanceof MapLookupField)
                && !(source instanceof HashField)) {
            throw new IllegalArgumentException("unsupported: queue to " + source.text()
                    + " (queue numbers come from numgen, a hash or a map)");
        }
        if (source != null && flags.contains(QueueFlag.FANOUT)) {
            throw new IllegalArgumentException("fanout spreads packets over a range of queues, not over a computed queue number");
        }
        long highest = source instanceof ExpressionField x ? switch (x.expression()) {
            case Numgen n -> Integer.toUnsignedLong(n.modulus()) + Integer.toUnsignedLong(n.offset()) - 1;
            case Hash.Symmetric h -> Integer.toUnsignedLong(h.modulus()) + Integer.toUnsignedLong(h.offset()) - 1;
            case Hash.Jenkins h -> Integer.toUnsignedLong(h.modulus()) + Integer.toUnsignedLong(h.offset()) - 1;
            default -> 0;
        } : source instanceof HashField h ? Integer.toUnsignedLong(h.modulus()) + Integer.toUnsignedLong(h.offset()) - 1 : 0;
        if (highest > 0xffff) {
            throw new IllegalArgumentException("queue numbers run to 65535, " + source.text() + " gives up to " + highest);
        }
    }

    static void dup(Bytes address, Integer device, Field addressSource, Field deviceSource) {
        if (address == null && device == null && addressSource == null && deviceSource == null) {
            throw new IllegalArgumentException("dup needs an address or a device");
        }
        if (address != null && addressSource != null || device != null && deviceSource != null
                || addressSource != null && deviceSource != null) {
            throw new IllegalArgumentException("dup takes one address and one device, and one of them computed at most");
        }
        requireMapOf(addressSource, "dup to", Datatype.IPV4_ADDR, Datatype.IPV6_ADDR);
        requireMapOf(deviceSource, "dup to", Datatype.IFINDEX);
    }

    static void fwd(int device, Bytes address, Field deviceSource) {
        if (deviceSource != null && (device != 0 || address != null)) {
            throw new IllegalArgumentException("fwd to a device from a map takes no fixed device or address");
        }
        requireMapOf(deviceSource, "fwd to", Datatype.IFINDEX);
    }

    static void objectMap(ObjectType type, Field key, List<Statement.ObjectMap.Entry> entries, String named) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        if (entries.isEmpty() == (named == null)) {
            throw new IllegalArgumentException("an object map is either anonymous with entries or named");
        }
        if (key instanceof MapLookupField || key instanceof MaskedField) {
            throw new IllegalArgumentException("unsupported: an object map keyed by " + key.text());
        }
        for (Statement.ObjectMap.Entry e : entries) {
            Bytes low = switch (e.key()) {
                case Value.Single v -> v.bytes();
                case Value.Prefix p -> p.address();
                case Value.Range r -> r.low();
                default -> throw new IllegalStateException();
            };
            if (low.length() != key.length()) {
                throw new IllegalArgumentException(key.text() + " holds " + key.length() + " bytes");
            }
        }
    }

    static void dynset(SetOperation op, String set, Field key, List<Statement> stateful) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(key, "key");
        for (Statement s : stateful) {
            if (!(s instanceof Statement.CounterStatement || s instanceof Statement.LimitStatement || s instanceof Statement.QuotaStatement
                    || s instanceof Statement.ConnlimitStatement)) {
                throw new IllegalArgumentException("unsupported: " + s.getClass().getSimpleName()
                        + " in a set element (counter, limit, quota and ct count are)");
            }
        }
    }

    /** Refuses a source that is not a map of one of {@code types}. */
    private static void requireMapOf(Field source, String what, Datatype... types) {
        if (source != null && !(source instanceof MapLookupField m && List.of(types).contains(m.datatype()))) {
            throw new IllegalArgumentException("unsupported: " + what + " " + source.text() + " (a computed target comes from a map)");
        }
    }
}
