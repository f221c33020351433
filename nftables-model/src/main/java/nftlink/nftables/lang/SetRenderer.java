package nftlink.nftables.lang;

import nftlink.nftables.NfTables;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Counter;
import nftlink.nftables.expr.Data;
import nftlink.nftables.expr.Expression;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Prints named sets and maps the way {@code nft list} does: the declaration
 * (type, policy, size, flags, timeouts, comment) and the elements, sorted and
 * wrapped like nft.
 */
public final class SetRenderer {

    private static final int VERDICT_TYPE = 0xffffff00;

    private SetRenderer() {
    }

    /** The block {@code \tset NAME {\n ... \t}\n}. */
    public static String render(NftSet set, List<SetElement> elements) {
        return render(set, elements, false);
    }

    /** The block {@code \tset NAME {\n ... \t}\n}, with {@code # handle N} like {@code nft -a} when asked. */
    public static String render(NftSet set, List<SetElement> elements, boolean handles) {
        StringBuilder sb = new StringBuilder();
        boolean objectMap = (set.flags() & NfTables.NFT_SET_OBJECT) != 0;
        sb.append('\t').append(set.isMap() || objectMap ? "map " : "set ").append(set.name()).append(" {");
        if (handles) {
            sb.append(" # handle ").append(Long.toUnsignedString(set.handle()));
        }
        sb.append('\n');
        List<Datatype> key = Datatype.parts(set.keyType());
        String typeof = set.isMap() ? null : SetTypeof.text(set.userdata());
        String mapTypeof = set.isMap() ? SetTypeof.mapText(set.userdata()) : null;
        if (mapTypeof != null) {
            sb.append("\t\ttypeof ").append(mapTypeof);
        } else if (typeof != null) {
            sb.append("\t\ttypeof ").append(typeof);
        } else {
            sb.append("\t\ttype ").append(typeName(key, set.keyType()));
        }
        if (mapTypeof != null) {
            // the data is part of the typeof text
        } else if (set.isMap()) {
            sb.append(" : ").append(dataTypeName(set.dataType()));
        } else if (objectMap) {
            String objectType = ObjectRenderer.typeName(set.objectType());
            sb.append(" : ").append(objectType == null ? Integer.toUnsignedString(set.objectType()) : objectType);
        }
        sb.append('\n');
        if (set.policy() == NfTables.NFT_SET_POL_MEMORY) {
            sb.append("\t\tpolicy memory\n");
        }
        if (set.size() != 0) {
            sb.append("\t\tsize ").append(Integer.toUnsignedString(set.size())).append('\n');
        }
        StringJoiner flags = new StringJoiner(",");
        if ((set.flags() & NfTables.NFT_SET_CONSTANT) != 0) {
            flags.add("constant");
        }
        if ((set.flags() & NfTables.NFT_SET_EVAL) != 0) {
            flags.add("dynamic");
        }
        if ((set.flags() & NfTables.NFT_SET_INTERVAL) != 0) {
            flags.add("interval");
        }
        // nft leaves the timeout flag out when a default timeout implies it (and the set is not dynamic)
        if ((set.flags() & NfTables.NFT_SET_TIMEOUT) != 0 && ((set.flags() & NfTables.NFT_SET_EVAL) != 0 || set.timeout() == 0)) {
            flags.add("timeout");
        }
        if (flags.length() > 0) {
            sb.append("\t\tflags ").append(flags).append('\n');
        }
        if (set.timeout() != 0) {
            sb.append("\t\ttimeout ").append(NftTime.format(set.timeout())).append('\n');
        }
        if (set.gcInterval() != 0) {
            sb.append("\t\tgc-interval ").append(NftTime.format(set.gcInterval())).append('\n');
        }
        if (SetTypeof.autoMerge(set.userdata())) {
            sb.append("\t\tauto-merge\n");
        }
        for (Expression e : set.expressions()) {
            sb.append("\t\t").append(e instanceof Counter ? "counter" : e.toDebugString()).append('\n');
        }
        if (set.comment() != null) {
            sb.append("\t\tcomment \"").append(set.comment()).append("\"\n");
        }
        if (!elements.isEmpty()) {
            sb.append("\t\telements = ").append(elements(set, key, elements)).append('\n');
        }
        sb.append("\t}\n");
        return sb.toString();
    }

    private static String typeName(List<Datatype> key, int keyType) {
        if (key == null) {
            return Integer.toUnsignedString(keyType);
        }
        StringJoiner j = new StringJoiner(" . ");
        key.forEach(d -> j.add(d.nftName()));
        return j.toString();
    }

    private static String dataTypeName(int dataType) {
        if (dataType == VERDICT_TYPE) {
            return "verdict";
        }
        Datatype d = Datatype.ofId(dataType);
        if (d == null && dataType > 63) {
            return typeName(Datatype.parts(dataType), dataType);
        }
        return d == null ? Integer.toUnsignedString(dataType) : d.nftName();
    }

    private static String elements(NftSet set, List<Datatype> key, List<SetElement> elements) {
        List<String> items = new ArrayList<>();
        if (key != null && key.size() == 1 && set.isInterval()) {
            Field field = syntheticField(key.getFirst(), set.keyLength());
            Value.SetLiteral literal = Delinearizer.literal(field, elements.stream()
                    .map(e -> new SetElement(e.key(), null, null, null, e.flags(), 0, 0, null, List.of())).toList());
            if (literal != null) {
                RuleRenderer r = RuleRenderer.DEFAULT;
                // an interval map keeps the data on the element that starts each interval
                java.util.Map<Bytes, Data> data = new java.util.HashMap<>();
                for (SetElement e : elements) {
                    if (e.data() != null && (e.flags() & NfTables.NFT_SET_ELEM_INTERVAL_END) == 0) {
                        data.put(e.key(), e.data());
                    }
                }
                for (Value v : literal.items()) {
                    Bytes start = switch (v) {
                        case Value.Single x -> x.bytes();
                        case Value.Prefix x -> x.address();
                        case Value.Range x -> x.low();
                        default -> null;
                    };
                    Data d = start == null ? null : data.get(start);
                    items.add(r.renderValue(field, v) + (d == null ? "" : " : " + dataText(set, d)));
                }
            }
        } else {
            List<SetElement> sorted = new ArrayList<>(elements);
            Datatype order = key != null && key.size() == 1 ? key.getFirst() : Datatype.IPV4_ADDR;
            sorted.sort((a, b) -> order.elementOrder().compare(a.key(), b.key()));
            for (SetElement e : sorted) {
                items.add(element(set, key, e));
            }
        }
        int perLine = key != null && key.size() == 1 ? key.getFirst().elementsPerLine() : 0;
        StringBuilder sb = new StringBuilder("{ ");
        int count = 0;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                if (perLine > 0 && count < perLine) {
                    sb.append(", ");
                } else {
                    sb.append(",\n\t\t\t     ");
                    count = 0;
                }
            }
            sb.append(items.get(i));
            count++;
        }
        return sb.append(" }").toString();
    }

    private static String element(NftSet set, List<Datatype> key, SetElement e) {
        StringBuilder sb = new StringBuilder(keyText(set, key, e.key()));
        if (e.keyEnd() != null) {
            sb.setLength(0);
            sb.append(rangeKeyText(set, key, e.key(), e.keyEnd()));
        }
        if (e.timeout() != 0) {
            sb.append(" timeout ").append(NftTime.format(e.timeout()));
        }
        if (e.expiration() != 0) {
            sb.append(" expires ").append(NftTime.format(e.expiration()));
        }
        for (Expression x : e.expressions()) {
            if (x instanceof Counter && OutputFlags.current().stateless()) {
                sb.append(" counter");
            } else if (x instanceof Counter c) {
                sb.append(" counter packets ").append(Long.toUnsignedString(c.packets())).append(" bytes ")
                        .append(Long.toUnsignedString(c.bytes()));
            }
        }
        if (e.comment() != null) {
            sb.append(" comment \"").append(e.comment()).append('"');
        }
        if (e.objectRef() != null) {
            sb.append(" : \"").append(e.objectRef()).append('"');
        }
        if (e.data() != null) {
            sb.append(" : ").append(dataText(set, e.data()));
        }
        return sb.toString();
    }

    private static String dataText(NftSet set, Data data) {
        if (data instanceof Data.OfVerdict v) {
            return v.verdict().toString();
        } else if (data instanceof Data.Value v) {
            Datatype d = Datatype.ofId(set.dataType());
            List<Datatype> parts = d == null && set.dataType() > 63 && set.dataType() != VERDICT_TYPE ? Datatype.parts(set.dataType()) : null;
            if (parts != null && v.bytes().length() == MapLookupField.concatLength(parts)) {
                // concatenated data, ADDRESS . PORT
                return MapLookupField.concatText(parts, v.bytes());
            }
            return d == null ? v.bytes().words() : d.print(v.bytes());
        }
        return "";
    }

    private static String keyText(NftSet set, List<Datatype> key, Bytes bytes) {
        if (key == null) {
            return bytes.words();
        }
        List<Bytes> parts = split(set, key, bytes);
        StringJoiner j = new StringJoiner(" . ");
        for (int i = 0; i < key.size(); i++) {
            j.add(key.get(i) == Datatype.IFNAME ? key.get(i).print(parts.get(i)) : key.get(i).print(parts.get(i)));
        }
        return j.toString();
    }

    private static String rangeKeyText(NftSet set, List<Datatype> key, Bytes from, Bytes to) {
        if (key == null) {
            return from.words() + "-" + to.words();
        }
        List<Bytes> low = split(set, key, from);
        List<Bytes> high = split(set, key, to);
        StringJoiner j = new StringJoiner(" . ");
        for (int i = 0; i < key.size(); i++) {
            String a = key.get(i).print(low.get(i));
            String b = key.get(i).print(high.get(i));
            boolean address = key.get(i) == Datatype.IPV4_ADDR || key.get(i) == Datatype.IPV6_ADDR;
            int bits = address && !a.equals(b) ? RuleRenderer.prefixLength(low.get(i), high.get(i)) : -1;
            j.add(a.equals(b) ? a : bits >= 0 ? a + "/" + bits : a + "-" + b);
        }
        return j.toString();
    }

    /** Splits a concatenated key into its fields, each padded to 4 bytes in the key. */
    private static List<Bytes> split(NftSet set, List<Datatype> key, Bytes bytes) {
        List<Bytes> parts = new ArrayList<>();
        byte[] raw = bytes.toArray();
        int at = 0;
        for (int i = 0; i < key.size(); i++) {
            int length = i < set.fieldLengths().size() ? Math.max(0, set.fieldLengths().get(i))
                    : key.size() == 1 ? raw.length : key.get(i).length();
            byte[] part = java.util.Arrays.copyOfRange(raw, Math.min(at, raw.length), Math.min(at + length, raw.length));
            parts.add(Bytes.of(part));
            at += key.size() == 1 ? length : (length + 3) & ~3;
        }
        return parts;
    }

    private static Field syntheticField(Datatype type, int length) {
        return new PayloadField("set", "key", nftlink.nftables.expr.Payload.Base.NETWORK, 0, length, type);
    }
}
