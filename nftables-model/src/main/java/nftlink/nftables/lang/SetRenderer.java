package nftlink.nftables.lang;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Prints named sets and maps the way {@code nft list} (nft 1.1.3) does: the declaration
 * ({@code type} or {@code typeof}, policy, size, flags, stateful statements, auto-merge,
 * timeouts, comment) and the elements in nft's order, wrapped like nft.
 */
public final class SetRenderer {

    /** Datatype numbers nft prints five elements of per line, and two of. */
    private static final Set<Integer> FIVE_PER_LINE = Set.of(2, 4, 11, 12, 13, 15, 16, 19, 20, 23, 24, 25, 27);
    private static final Set<Integer> TWO_PER_LINE = Set.of(7, 26, 28, 31);
    private static final String NEWLINE = ",\n\t\t\t     ";

    private SetRenderer() {
    }

    /**
     * The block {@code \tset NAME {\n ... \t}\n}.
     *
     * @param set the set
     * @param elements its elements
     * @return the text
     */
    public static String render(NftSet set, List<SetElement> elements) {
        return render(set, elements, false);
    }

    /**
     * The block {@code \tset NAME {\n ... \t}\n}, with {@code # handle N} like {@code nft -a} when
     * asked.
     *
     * @param set the set
     * @param elements its elements
     * @param handles whether to print handles
     * @return the text
     */
    public static String render(NftSet set, List<SetElement> elements, boolean handles) {
        return render(set, elements, handles, RuleRenderer.DEFAULT);
    }

    /**
     * The block {@code \tset NAME {\n ... \t}\n}, with {@code # handle N} like {@code nft -a} when
     * asked, the elements' stateful statements printed by {@code statements} (stateless or not).
     *
     * @param set the set
     * @param elements its elements
     * @param handles whether to print handles
     * @param statements the renderer of the elements' statements
     * @return the text
     */
    public static String render(NftSet set, List<SetElement> elements, boolean handles, RuleRenderer statements) {
        SetDeclaration d = SetDeclaration.of(set);
        StringBuilder sb = new StringBuilder();
        sb.append('\t').append(set.isMap() || set.isObjectMap() ? "map " : "set ").append(set.name()).append(" {");
        if (handles) {
            sb.append(" # handle ").append(Long.toUnsignedString(set.handle()));
        }
        sb.append("\n\t\t").append(d == null ? unknownType(set) : typeText(d)).append('\n');
        if ((set.flags() & NfTablesUapi.NFT_SET_CONSTANT) == 0) {
            if (set.policy() == NfTablesUapi.NFT_SET_POL_MEMORY) {
                sb.append("\t\tpolicy memory\n");
            }
            if (set.size() != 0) {
                sb.append("\t\tsize ").append(Integer.toUnsignedString(set.size())).append('\n');
            }
        }
        String flags = flags(set);
        if (!flags.isEmpty()) {
            sb.append("\t\tflags ").append(flags).append('\n');
        }
        if (d != null && !d.statements().isEmpty()) {
            StringJoiner j = new StringJoiner(" ");
            RuleRenderer stateless = statements.withOptions(true, statements.numericProtocol());
            d.statements().forEach(s -> j.add(stateless.render(s)));
            sb.append("\t\t").append(j).append('\n');
        }
        if (d != null && d.autoMerge()) {
            sb.append("\t\tauto-merge\n");
        }
        if (!set.timeout().isZero()) {
            sb.append("\t\ttimeout ").append(NftTime.format(set.timeout().toMillis())).append('\n');
        }
        if (!set.gcInterval().isZero()) {
            sb.append("\t\tgc-interval ").append(NftTime.format(set.gcInterval().toMillis())).append('\n');
        }
        if (set.comment().isPresent()) {
            sb.append("\t\tcomment \"").append(set.comment().get()).append("\"\n");
        }
        if (!elements.isEmpty()) {
            sb.append("\t\telements = ").append(d == null ? rawElements(elements) : elements(d, set, elements, statements))
                    .append('\n');
        }
        sb.append("\t}\n");
        return sb.toString();
    }

    /** {@code type KEY [: DATA]} or {@code typeof EXPR [: EXPR]}, as nft prints the key and data. */
    static String typeText(SetDeclaration d) {
        boolean typeof = d.key().typeof() != null;
        StringBuilder sb = new StringBuilder(typeof ? "typeof " : "type ");
        sb.append(typeof ? d.key().typeof().text() : d.key().typeText());
        switch (d.data()) {
            case SetData.Verdicts v -> sb.append(" : verdict");
            case SetData.Values v -> sb.append(" : ").append(v.interval() ? "interval " : "")
                    .append(typeof && v.value().typeof() != null ? v.value().typeof().text() : v.value().typeText());
            case SetData.Objects o -> {
                String name = ObjectRenderer.typeName(o.type());
                sb.append(" : ").append(name == null ? Integer.toUnsignedString(o.type()) : name);
            }
            case null -> { }
        }
        return sb.toString();
    }

    private static String unknownType(NftSet set) {
        return "type " + Integer.toUnsignedString(set.keyType());
    }

    private static String rawElements(List<SetElement> elements) {
        StringJoiner j = new StringJoiner(NEWLINE, "{ ", " }");
        elements.forEach(e -> j.add(e.key().words()));
        return j.toString();
    }

    /** The flags line: constant, dynamic, interval, timeout; none when the only flag is the timeout a default timeout implies. */
    static String flags(NftSet set) {
        int shown = NfTablesUapi.NFT_SET_CONSTANT | NfTablesUapi.NFT_SET_EVAL | NfTablesUapi.NFT_SET_INTERVAL
                | (set.timeout().isZero() ? NfTablesUapi.NFT_SET_TIMEOUT : 0);
        if ((set.flags() & shown) == 0) {
            return "";
        }
        StringJoiner flags = new StringJoiner(",");
        if ((set.flags() & NfTablesUapi.NFT_SET_CONSTANT) != 0) {
            flags.add("constant");
        }
        if ((set.flags() & NfTablesUapi.NFT_SET_EVAL) != 0) {
            flags.add("dynamic");
        }
        if ((set.flags() & NfTablesUapi.NFT_SET_INTERVAL) != 0) {
            flags.add("interval");
        }
        if ((set.flags() & NfTablesUapi.NFT_SET_TIMEOUT) != 0) {
            flags.add("timeout");
        }
        return flags.toString();
    }

    private static String elements(SetDeclaration d, NftSet set, List<SetElement> elements, RuleRenderer statements) {
        List<ListedElement> listed = SetElementListing.list(d, set, elements);
        if (listed == null) {
            return rawElements(elements);
        }
        boolean oneLine = set.timeout().isZero() && listed.stream().noneMatch(e -> e.comment() != null)
                && (set.flags() & (NfTablesUapi.NFT_SET_MAP | NfTablesUapi.NFT_SET_OBJECT | NfTablesUapi.NFT_SET_TIMEOUT
                | NfTablesUapi.NFT_SET_CONCAT)) == 0 && d.statements().isEmpty();
        int typeId = d.key().typeId();
        int perLine = !oneLine ? 1 : FIVE_PER_LINE.contains(typeId) ? 5 : TWO_PER_LINE.contains(typeId) ? 2 : 1;
        StringBuilder sb = new StringBuilder("{ ");
        int count = 0;
        for (int i = 0; i < listed.size(); i++) {
            if (i > 0) {
                if (count < perLine) {
                    sb.append(", ");
                } else {
                    sb.append(NEWLINE);
                    count = 0;
                }
            }
            sb.append(element(d, listed.get(i), statements));
            count++;
        }
        return sb.append(" }").toString();
    }

    private static String element(SetDeclaration d, ListedElement e, RuleRenderer statements) {
        StringBuilder sb = new StringBuilder(e.isCatchAll() ? "*" : values(d.key().types(), e.key(), statements));
        for (Statement s : e.statements()) {
            sb.append(' ').append(statements.render(s));
        }
        if (e.timeout() != 0) {
            sb.append(" timeout ").append(NftTime.format(e.timeout()));
        }
        if (e.expiration() != 0 && !statements.stateless()) {
            sb.append(" expires ").append(NftTime.format(e.expiration()));
        }
        if (e.comment() != null) {
            sb.append(" comment \"").append(e.comment()).append('"');
        }
        if (e.verdict() != null) {
            sb.append(" : ").append(e.verdict());
        } else if (e.object() != null) {
            sb.append(" : \"").append(e.object()).append('"');
        } else if (e.data() != null && d.data() instanceof SetData.Values v) {
            sb.append(" : ").append(values(v.value().types(), e.data(), statements));
        }
        return sb.toString();
    }

    /**
     * Values of the parts of a key or data, {@code a . b}: each one value, a prefix or a range; interfaces
     * by the names {@code statements} knows.
     */
    static String values(List<Datatype> types, List<Value> parts, RuleRenderer statements) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Datatype type = types.get(Math.min(i, types.size() - 1));
            out.add(switch (parts.get(i)) {
                case Value.Single v when type == Datatype.IFINDEX -> device(v.bytes(), type, statements);
                case Value.Range r when type == Datatype.IFINDEX -> device(r.low(), type, statements) + "-"
                        + device(r.high(), type, statements);
                case Value.Single v -> String.join(" | ", SetElementListing.flags(type, v.bytes()).stream().map(type::print).toList());
                case Value.Prefix p -> type.print(p.address()) + "/" + p.bits();
                case Value.Range r -> type.printNumeric(r.low()) + "-" + type.printNumeric(r.high());
                default -> throw new IllegalArgumentException("not an element value: " + parts.get(i));
            });
        }
        return String.join(" . ", out);
    }

    /** An interface by the name {@code statements} knows for its index (as nft's if_indextoname), else its index. */
    private static String device(Bytes index, Datatype type, RuleRenderer statements) {
        String name = index.length() == 4 ? statements.interfaceNames().apply(index.asU32()) : null;
        return name != null ? "\"" + name + "\"" : type.print(index);
    }
}
