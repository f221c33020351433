package nftlink.nftables.json;

import nftlink.nftables.parse.NftParseException;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.CtState;
import nftlink.nftables.lang.Datatype;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Values of the rule language's datatypes as libnftables writes them in JSON:
 * addresses, names and interface names as strings, numbers as numbers, symbolic
 * constants by name where nft knows one (else as numbers), ct states as a name
 * or an array of names; and back.
 */
final class JsonDatatypeValues {
    private JsonDatatypeValues() {
    }

    /** The JSON form of {@code value} of {@code type}. */
    static JsonValue render(Datatype type, Bytes value) {
        if (!type.fits(value) || type == Datatype.VERDICT) {
            return JsonValue.of(type.print(value));
        }
        return switch (type) {
            case IPV4_ADDR, IPV6_ADDR, ETHER_ADDR -> JsonValue.of(type.print(value));
            // exists / missing
            case BOOLEAN -> JsonValue.of(new BigInteger(1, value.toArray()).signum() != 0);
            case ETHERTYPE -> {
                // nft names 0x8100 8021q
                String text = value.asBigEndian() == 0x8100 ? "8021q" : type.print(value);
                yield isNumeric(text) ? number(value.asBigEndian()) : JsonValue.of(text);
            }
            case INET_PROTO, ICMP_TYPE, ICMPV6_TYPE, NFPROTO -> {
                String text = type.print(value);
                yield isNumeric(text) ? number(value.asBigEndian()) : JsonValue.of(text);
            }
            case INET_SERVICE, INTEGER -> number(new BigInteger(1, value.toArray()));
            case HOST_INTEGER -> number(new BigInteger(1, value.reversed().toArray()));
            case MARK, UID, GID, IFINDEX -> number(Integer.toUnsignedLong(value.asU32()));
            case CT_STATE -> {
                String text = CtState.render(value.asU32());
                if (text.isEmpty()) {
                    yield number(0);
                }
                String[] names = text.split(",");
                if (names.length == 1) {
                    yield JsonValue.of(names[0]);
                }
                List<JsonValue> items = new ArrayList<>();
                for (String n : names) {
                    items.add(JsonValue.of(n));
                }
                yield JsonValue.array(items);
            }
            case IFNAME -> {
                String printed = type.print(value);
                String name = printed.substring(1, printed.length() - 1);
                // a whole name that ends in a star is written \* (a trailing * alone is a wildcard)
                yield JsonValue.of(value.length() == 16 && name.endsWith("*") && !name.endsWith("\\*") ? name.substring(0, name.length() - 1) + "\\*" : name);
            }
            case CGROUPV2 -> JsonValue.of(type.print(value));
            // nft writes a routing realm as a string, its name or its number ("cosmos", "5")
            case REALM -> {
                String text = type.print(value);
                yield JsonValue.of(text.startsWith("\"") ? text.substring(1, text.length() - 1) : text);
            }
            case VERDICT -> throw new IllegalArgumentException("verdicts are not values");
            default -> {
                // symbolic types the rule language learnt later: a name as a string, a plain number as a number
                String text = type.print(value);
                if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                    text = text.substring(1, text.length() - 1);
                }
                if (text.matches("0x[0-9a-f]+")) {
                    yield new JsonValue.Num(new BigDecimal(new BigInteger(text.substring(2), 16)));
                }
                if (type.isBitmask() && text.contains(",")) {
                    // several flags: an array of their names
                    List<JsonValue> flags = new ArrayList<>();
                    for (String name : text.split(",")) {
                        flags.add(JsonValue.of(name));
                    }
                    yield JsonValue.array(flags);
                }
                yield text.matches("\\d+") ? new JsonValue.Num(new BigDecimal(text)) : JsonValue.of(text);
            }
        };
    }

    /** A tc handle as nft prints {@code meta priority}: {@code none}, {@code root} or {@code MAJOR:MINOR} in hex. */
    static JsonValue tcHandle(Bytes value) {
        int v = value.asU32();
        if (v == 0) {
            return JsonValue.of("none");
        }
        if (v == -1) {
            return JsonValue.of("root");
        }
        return JsonValue.of(Integer.toHexString(v >>> 16) + ":" + Integer.toHexString(v & 0xffff));
    }

    /** Parses a tc handle written as {@code none}, {@code root}, {@code MAJOR:MINOR} or a number. */
    static Bytes parseTcHandle(JsonValue v, String path) {
        if (v instanceof JsonValue.Str s) {
            String t = s.value();
            if (t.equals("none")) {
                return Bytes.u32(0);
            }
            if (t.equals("root")) {
                return Bytes.u32(-1);
            }
            int colon = t.indexOf(':');
            if (colon >= 0) {
                try {
                    int major = Integer.parseInt(t.substring(0, colon).isEmpty() ? "0" : t.substring(0, colon), 16);
                    int minor = Integer.parseInt(t.substring(colon + 1).isEmpty() ? "0" : t.substring(colon + 1), 16);
                    if (major >= 0 && major <= 0xffff && minor >= 0 && minor <= 0xffff) {
                        return Bytes.u32(major << 16 | minor);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw JsonException.at(path, "not a tc handle: \"" + t + "\"");
            }
        }
        return parse(Datatype.MARK, 4, v, path);
    }

    private static boolean isNumeric(String text) {
        return text.matches("\\d+|0x[0-9a-fA-F]+");
    }

    static JsonValue number(long n) {
        return JsonValue.of(n);
    }

    static JsonValue number(BigInteger n) {
        return new JsonValue.Num(new BigDecimal(n));
    }

    /**
     * Parses the JSON form of a value of {@code type} ({@code length} bytes in a
     * register; needed for integers and interface-name prefixes).
     *
     * @throws JsonException naming {@code path} when the value is no value of the type
     */
    static Bytes parse(Datatype type, int length, JsonValue v, String path) {
        try {
            return switch (v) {
                case JsonValue.Num n -> {
                    BigInteger i = integer(n, path);
                    if (type == Datatype.IPV4_ADDR || type == Datatype.IPV6_ADDR || type == Datatype.ETHER_ADDR) {
                        // nft writes a masked address's value as a number: ip saddr & 0xff == 1
                        yield bigEndian(i, length, path);
                    }
                    if (type == Datatype.CT_STATE || type == Datatype.IFNAME) {
                        throw JsonException.at(path, "a " + type.nftName() + " is written as a string, not a number");
                    }
                    if (type == Datatype.CGROUPV2) {
                        yield type.parse(i.toString(), length);
                    }
                    yield type.parse(i.toString(), length);
                }
                case JsonValue.Str s -> {
                    String t = s.value();
                    if (type == Datatype.IFNAME) {
                        // a trailing * matches every name with that prefix; \\* is a literal star
                        boolean wildcard = t.endsWith("*") && !t.endsWith("\\*");
                        String name = wildcard ? t.substring(0, t.length() - 1)
                                : t.endsWith("\\*") ? t.substring(0, t.length() - 2) + "*" : t;
                        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
                        if (raw.length >= 16) {
                            throw JsonException.at(path, "interface name \"" + t + "\" is longer than 15 bytes");
                        }
                        yield wildcard ? Bytes.of(raw) : Bytes.paddedString(name, 16);
                    }
                    if (t.isEmpty() || t.strip().length() != t.length()) {
                        throw JsonException.at(path, "not a " + type.nftName() + ": \"" + t + "\"");
                    }
                    if ((type == Datatype.IPV4_ADDR || type == Datatype.IPV6_ADDR) && t.matches("0x[0-9a-fA-F]+")) {
                        // and a mask as a hex number: ip saddr & 0xffff0000
                        yield bigEndian(new BigInteger(t.substring(2), 16), length, path);
                    }
                    if (type == Datatype.ETHERTYPE && t.equals("8021q")) {
                        yield Bytes.u16Be(0x8100);
                    }
                    yield type.parse(t, length);
                }
                case JsonValue.Bool b when type == Datatype.BOOLEAN -> type.parse(b.value() ? "exists" : "missing", length);
                case JsonValue.Arr a when type == Datatype.CT_STATE -> {
                    int mask = 0;
                    for (int i = 0; i < a.items().size(); i++) {
                        if (!(a.items().get(i) instanceof JsonValue.Str s)) {
                            throw JsonException.at(path + "[" + i + "]", "a ct state is written as a string");
                        }
                        mask |= CtState.parse(s.value()).asU32();
                    }
                    if (a.items().isEmpty()) {
                        throw JsonException.at(path, "an empty list of ct states");
                    }
                    yield Bytes.u32(mask);
                }
                default -> throw JsonException.at(path, "expected a " + type.nftName() + " value, found " + kind(v));
            };
        } catch (JsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw JsonException.at(path, NftParseException.problem(e));
        }
    }

    /** {@code i} as {@code length} big-endian bytes. */
    private static Bytes bigEndian(BigInteger i, int length, String path) {
        if (i.bitLength() > 8 * length) {
            throw JsonException.at(path, i + " does not fit in " + length + " bytes");
        }
        byte[] raw = i.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        return Bytes.of(out);
    }

    static BigInteger integer(JsonValue.Num n, String path) {
        try {
            BigInteger i = n.value().toBigIntegerExact();
            if (i.signum() < 0) {
                throw JsonException.at(path, "negative number " + n.value());
            }
            return i;
        } catch (ArithmeticException e) {
            throw JsonException.at(path, "not an integer: " + n.value());
        }
    }

    /** What kind of JSON value {@code v} is, for messages. */
    static String kind(JsonValue v) {
        return switch (v) {
            case JsonValue.Null n -> "null";
            case JsonValue.Bool b -> "a boolean";
            case JsonValue.Num n -> "a number";
            case JsonValue.Str s -> "a string";
            case JsonValue.Arr a -> "an array";
            case JsonValue.Obj o -> "an object";
        };
    }
}
