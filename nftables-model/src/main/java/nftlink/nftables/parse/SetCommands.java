package nftlink.nftables.parse;

import java.util.Arrays;
import nftlink.nftables.lang.SetUserdata;
import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.lang.SetData;
import nftlink.nftables.lang.SetDeclaration;
import nftlink.nftables.lang.SetKey;
import nftlink.nftables.lang.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set and map commands of nft text: declarations ({@code set NAME { type ...; flags ...;
 * elements = { ... } }}, also inside a table block) compiled through {@link SetDeclaration}, and
 * {@code add|create|delete element}. Remembers what each declared set holds so that later elements
 * and rules in the same text are read with its types.
 */
final class SetCommands {

    private final Cursor c;
    private final ValueParser values;
    private final Elements elements;
    private final SetLookup lookup;
    private final Map<String, SetShape> declared;
    private final BatchIds ids;
    private final Map<String, NftSet> declaredSets = new HashMap<>();
    /** The auto-merge interval sets this text declares: their elements so far, as written and as compiled. */
    private final Map<String, Merged> autoMerged = new HashMap<>();
    /** The interval sets of this text whose elements so far include the end marker at zero nft writes below a first interval. */
    private final Set<String> zeroEndMarkers = new HashSet<>();

    /**
     * @param declared the shapes of the sets declared so far, by {@link #key}; declarations add to it
     * @param ids      the batch's numbering, which gives each declared set its ID
     */
    SetCommands(Cursor c, ValueParser values, SetLookup lookup, Map<String, SetShape> declared, BatchIds ids) {
        this.c = c;
        this.values = values;
        this.elements = new Elements(c, values);
        this.lookup = lookup;
        this.declared = declared;
        this.ids = ids;
    }

    /** The key of a set in the map of declared shapes. */
    static String key(Family family, String table, String name) {
        return family.nftName() + " " + table + " " + name;
    }

    /** Everything a set or map body may hold, as the declaration goes. */
    private static final class Body {
        SetKey key;
        List<ValueParser.Part> keyParts;
        SetData data;
        List<ValueParser.Part> dataParts = new ArrayList<>();
        int flags;
        long timeout;
        int gcInterval;
        int size;
        int policy = -1;
        boolean autoMerge;
        String comment;
        List<Statement> statements = new ArrayList<>();
        List<SetElement> elements;
        Elements.Block written;

        SetShape shape(Family family, String table, String name) {
            SetDeclaration d = declaration(family, table, name);
            return new SetShape(keyParts, dataParts.isEmpty() ? null : dataParts.getFirst(),
                    dataParts.isEmpty() ? List.of() : dataParts.subList(1, dataParts.size()),
                    data instanceof SetData.Verdicts, (flags & NfTablesUapi.NFT_SET_INTERVAL) != 0, d);
        }

        SetDeclaration declaration(Family family, String table, String name) {
            return new SetDeclaration(family, table, name, key, data, flags, timeout, gcInterval, size, policy, autoMerge,
                    comment, statements);
        }
    }

    /** {@code set|map NAME { ... }}: the set's addition and its elements' (the name already read). */
    List<ParsedOperation> declaration(Token start, Family family, String table, Token nameToken, boolean exclusive, boolean map) {
        String name = nameToken.text();
        c.expect(Token.Kind.LBRACE, "'{'");
        Body b = new Body();
        while (Block.skipSeparators(c)) {
            member(b, family, table, name, map);
            if (!c.accept(Token.Kind.NEWLINE) && !c.accept(Token.Kind.SEMICOLON) && !c.at(Token.Kind.RBRACE)) {
                throw c.unexpected("newline, ';' or '}'");
            }
        }
        if (b.key == null) {
            throw Cursor.error(nameToken, (map ? "map " : "set ") + name + " needs a type");
        }
        SetDeclaration declaration = Cursor.at(nameToken, () -> b.declaration(family, table, name));
        declared.put(key(family, table, name), b.shape(family, table, name));
        NftSet set = Cursor.at(nameToken, declaration::set).withId(ids.nextSet());
        declaredSets.put(key(family, table, name), set);
        SourceLocation where = start.location().to(nameToken.location());
        if (b.autoMerge && (b.flags & NfTablesUapi.NFT_SET_INTERVAL) != 0 && !map) {
            autoMerged.put(key(family, table, name), new Merged(b.shape(family, table, name),
                    b.written != null ? b.written : new Elements.Block(List.of(), List.of()),
                    b.elements != null ? b.elements : List.of()));
        }
        List<ParsedOperation> out = new ArrayList<>();
        out.add(new ParsedOperation(new NftOperation.AddSet(set, exclusive), where,
                (exclusive ? "create " : "add ") + (map ? "map " : "set ") + family.nftName() + " " + table + " " + name));
        if (b.elements != null && !b.elements.isEmpty()) {
            if (b.elements.stream().anyMatch(e -> isZero(e, true))) {
                zeroEndMarkers.add(key(family, table, name));
            }
            for (NftOperation op : NftOperation.addElements(family, table, name, b.elements)) {
                out.add(new ParsedOperation(op, where, null));
            }
        }
        return out;
    }

    private void member(Body b, Family family, String table, String name, boolean map) {
        RuleParser rules = new RuleParser(c, values, family);
        Statement stateful = rules.stateful();
        if (stateful != null) {
            // counter, limit, quota, ct count, last: several in a row on one line
            for (; stateful != null; stateful = rules.stateful()) {
                b.statements.add(stateful);
            }
            return;
        }
        Token t = c.expect(Token.Kind.WORD, "type, flags, timeout, size, policy, elements, comment or '}'");
        switch (t.text()) {
            case "type" -> type(b, t, map);
            case "typeof" -> typeof(b, family, map);
            case "flags" -> {
                do {
                    Token f = c.expect(Token.Kind.WORD, "a set flag");
                    b.flags |= switch (f.text()) {
                        case "constant" -> NfTablesUapi.NFT_SET_CONSTANT;
                        case "interval" -> NfTablesUapi.NFT_SET_INTERVAL;
                        case "timeout" -> NfTablesUapi.NFT_SET_TIMEOUT;
                        case "dynamic" -> NfTablesUapi.NFT_SET_EVAL;
                        default -> throw Cursor.error(f, "unknown set flag " + f.text()
                                + " (expected constant, interval, timeout or dynamic)");
                    };
                } while (c.accept(Token.Kind.COMMA));
            }
            case "timeout" -> {
                b.timeout = Durations.millis(c.expect(Token.Kind.WORD, "a duration"));
                b.flags |= NfTablesUapi.NFT_SET_TIMEOUT;
            }
            case "gc-interval" -> b.gcInterval = (int) Math.min(Integer.MAX_VALUE,
                    Durations.millis(c.expect(Token.Kind.WORD, "a duration")));
            case "size" -> b.size = c.smallNumber("a size", Integer.MAX_VALUE);
            case "policy" -> {
                Token p = c.expect(Token.Kind.WORD, "performance or memory");
                b.policy = switch (p.text()) {
                    case "performance" -> NfTablesUapi.NFT_SET_POL_PERFORMANCE;
                    case "memory" -> NfTablesUapi.NFT_SET_POL_MEMORY;
                    default -> throw Cursor.error(p, "syntax error, unexpected " + p.text() + ", expecting performance or memory");
                };
            }
            case "auto-merge" -> b.autoMerge = true;
            case "comment" -> b.comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
            case "elements" -> {
                if (b.key == null) {
                    throw Cursor.error(t, "declare the type before the elements");
                }
                c.expect(Token.Kind.EQUALS, "'='");
                SetShape shape = Cursor.at(t, () -> b.shape(family, table, name));
                b.written = elements.read(shape, name, false);
                b.elements = elements.compile(shape, b.written, false, b.autoMerge);
            }
            default -> throw Cursor.error(t, "syntax error, unexpected " + t.text()
                    + ", expecting type, flags, timeout, size, policy, elements, comment or '}'");
        }
    }

    /** {@code type KEY [. KEY ...] [: DATA [. DATA ...] | : verdict]}. */
    private void type(Body b, Token t, boolean map) {
        b.keyParts = new ArrayList<>();
        b.keyParts.add(SetShape.part(RuleParser.datatype(c.expect(Token.Kind.WORD, "a type"))));
        while (c.accept(".")) {
            b.keyParts.add(SetShape.part(RuleParser.datatype(c.expect(Token.Kind.WORD, "a type"))));
        }
        b.key = Cursor.at(t, () -> SetKey.of(types(b.keyParts), lengths(b.keyParts)));
        b.data = null;
        b.dataParts = new ArrayList<>();
        if (c.accept(":")) {
            data(b);
        }
        if (map != (b.data != null)) {
            throw Cursor.error(t, map ? "a map needs 'type KEY : DATA'" : "a set has no data type (declare a map)");
        }
    }

    /** {@code typeof EXPR [: EXPR | : verdict]}. */
    private void typeof(Body b, Family family, boolean map) {
        Token at = c.peek();
        Field typeof = new RuleParser(c, values, family).fieldOrConcat();
        b.keyParts = SetShape.valueParts(typeof);
        b.key = Cursor.at(at, () -> SetKey.typeof(typeof, types(b.keyParts), lengths(b.keyParts)));
        b.data = null;
        b.dataParts = new ArrayList<>();
        if (map) {
            if (!c.accept(":")) {
                throw c.unexpected("':' and the data (typeof KEY : DATA)");
            }
            if (c.accept("verdict")) {
                b.data = new SetData.Verdicts(true);
            } else if (objectType() instanceof Integer type) {
                b.data = new SetData.Objects(type);
            } else {
                boolean interval = c.accept("interval");
                Token d = c.peek();
                Field typeofData = new RuleParser(c, values, family).fieldOrConcat();
                b.dataParts.addAll(SetShape.valueParts(typeofData));
                b.data = new SetData.Values(Cursor.at(d, () -> SetKey.typeof(typeofData, types(b.dataParts),
                        lengths(b.dataParts))), interval);
            }
        } else if (c.at(":")) {
            throw Cursor.error(c.peek(), "a set has no data type (declare a map)");
        }
    }

    /** {@code : verdict}, {@code : [interval] TYPE [. TYPE ...]} or {@code : OBJECT-TYPE} after {@code type KEY}. */
    private void data(Body b) {
        Token d = c.peek();
        if (c.accept("verdict")) {
            b.data = new SetData.Verdicts(false);
            return;
        }
        if (objectType() instanceof Integer type) {
            b.data = new SetData.Objects(type);
            return;
        }
        boolean interval = c.accept("interval");
        Token first = c.expect(Token.Kind.WORD, "a data type, verdict or an object type");
        b.dataParts.add(SetShape.part(RuleParser.datatype(first)));
        while (c.accept(".")) {
            b.dataParts.add(SetShape.part(RuleParser.datatype(c.expect(Token.Kind.WORD, "a type"))));
        }
        b.data = new SetData.Values(Cursor.at(first, () -> SetKey.of(types(b.dataParts), lengths(b.dataParts))), interval);
    }

    /**
     * The {@code NFT_OBJECT_*} type of an object map's data, read when one comes next ({@code counter},
     * {@code quota}, {@code limit}, {@code synproxy}, {@code secmark}, {@code ct helper|timeout|expectation}),
     * else {@code null} with nothing read.
     */
    private Integer objectType() {
        Token t = c.peek();
        if (t.is("ct") && c.in.peekIs(1, "helper", "timeout", "expectation")) {
            c.next();
            return ObjectRenderer.type("ct " + c.next().text());
        }
        int type = t.kind() == Token.Kind.WORD && !t.is("ct") ? ObjectRenderer.type(t.text()) : -1;
        if (type < 0) {
            return null;
        }
        c.next();
        return type;
    }

    private static List<Datatype> types(List<ValueParser.Part> parts) {
        return parts.stream().map(ValueParser.Part::type).toList();
    }

    private static List<Integer> lengths(List<ValueParser.Part> parts) {
        return parts.stream().map(ValueParser.Part::length).toList();
    }

    /**
     * The set {@code name}: declared in this text, or known to the lookup; {@code null} when neither
     * (also when the lookup cannot tell, e.g. because the table does not exist yet).
     */
    NftSet set(Family family, String table, String name) {
        NftSet set = declaredSets.get(key(family, table, name));
        if (set != null) {
            return set;
        }
        try {
            return lookup.find(family, table, name).orElse(null);
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    /** The shape of set {@code name}: declared in this text or known to the lookup; an error at {@code setName} when neither. */
    private SetShape known(Family family, String table, Token setName) {
        SetShape shape = declared.get(key(family, table, setName.text()));
        if (shape == null) {
            NftSet set = lookup.find(family, table, setName.text()).orElseThrow(() -> Cursor.error(setName,
                    "no such set or map: " + family.nftName() + " " + table + " " + setName.text()));
            shape = Cursor.at(setName, () -> SetShape.of(set));
        }
        return shape;
    }

    /** {@code add|create element [FAMILY] TABLE SET { ... }}, after the table. */
    List<ParsedOperation> addElements(Token commandStart, String command, Family family, String table) {
        Token setName = c.identifier("a set name");
        // a set with auto-merge joins overlapping and adjacent intervals of the elements added, as nft does
        NftSet target = set(family, table, setName.text());
        boolean autoMerge = target != null && SetUserdata.decode(target.userdata()).autoMerge();
        SourceLocation where = commandStart.location().to(setName.location());
        Merged merged = command.equals("add") ? autoMerged.get(key(family, table, setName.text())) : null;
        if (merged != null) {
            return mergedAddition(merged, family, table, setName.text(), where);
        }
        List<SetElement> elems = elements.block(known(family, table, setName), setName.text(), false, autoMerge);
        List<NftOperation> ops = command.equals("create")
                ? List.of(new NftOperation.AddElements(family, table, setName.text(), 0, elems, true))
                : NftOperation.addElements(family, table, setName.text(), elems);
        List<ParsedOperation> out = new ArrayList<>();
        String key = key(family, table, setName.text());
        if (command.equals("add") && zeroEndMarkers.contains(key) && elems.stream().anyMatch(e -> isZero(e, false))) {
            // nft merges elements added to a set this text declares into its declaration: an interval now starting
            // at zero leaves no end marker there; remove the one the declaration wrote
            SetElement marker = elems.stream().filter(e -> isZero(e, false)).findFirst().orElseThrow();
            out.add(new ParsedOperation(new NftOperation.DeleteElements(family, table, setName.text(),
                    List.of(SetElement.intervalEnd(marker.key()))), where, null));
            zeroEndMarkers.remove(key);
        }
        if (elems.stream().anyMatch(e -> isZero(e, true))) {
            zeroEndMarkers.add(key);
        }
        for (NftOperation op : ops) {
            out.add(new ParsedOperation(op, where, command + " element " + family.nftName() + " " + table + " " + setName.text()));
        }
        return out;
    }

    /**
     * {@code add element} to an auto-merge set this text declares: nft joins the new elements with those the set
     * has so far (its declaration's and earlier additions'), so the elements the join replaces are deleted and
     * the joined ones added in their place, in the same transaction.
     */
    private List<ParsedOperation> mergedAddition(Merged merged, Family family, String table, String name, SourceLocation where) {
        Elements.Block all = merged.written().and(elements.read(merged.shape(), name, false));
        List<SetElement> joined = elements.compile(merged.shape(), all, false, true);
        autoMerged.put(key(family, table, name), new Merged(merged.shape(), all, joined));
        zeroEndMarkers.remove(key(family, table, name));
        // what stays as it was is neither deleted nor added again
        List<SetElement> gone = merged.compiled().stream().filter(e -> !joined.contains(e)).toList();
        List<SetElement> added = joined.stream().filter(e -> !merged.compiled().contains(e)).toList();
        List<ParsedOperation> out = new ArrayList<>();
        for (NftOperation op : NftOperation.deleteElements(family, table, name, gone)) {
            out.add(new ParsedOperation(op, where, null));
        }
        for (NftOperation op : NftOperation.addElements(family, table, name, added)) {
            out.add(new ParsedOperation(op, where, "add element " + family.nftName() + " " + table + " " + name));
        }
        return out;
    }

    /** An auto-merge set's elements so far: as written, and as compiled into the transaction. */
    private record Merged(SetShape shape, Elements.Block written, List<SetElement> compiled) {
    }

    /** Whether {@code e} is an interval set's element at key zero: its end marker ({@code end}) or an interval's start. */
    private static boolean isZero(SetElement e, boolean end) {
        boolean isEnd = (e.flags() & NfTablesUapi.NFT_SET_ELEM_INTERVAL_END) != 0;
        return isEnd == end && (e.flags() & NfTablesUapi.NFT_SET_ELEM_CATCHALL) == 0 && e.keyEnd() == null
                && e.key().length() > 0 && Arrays.equals(e.key().toArray(), new byte[e.key().length()]);
    }

    /** {@code delete element [FAMILY] TABLE SET { ... }}, after the table. */
    List<ParsedOperation> deleteElements(Token commandStart, Family family, String table) {
        Token setName = c.identifier("a set name");
        List<SetElement> elems = elements.block(known(family, table, setName), setName.text(), true);
        List<ParsedOperation> out = new ArrayList<>();
        for (NftOperation op : NftOperation.deleteElements(family, table, setName.text(), elems)) {
            out.add(new ParsedOperation(op, commandStart.location().to(setName.location()), null));
        }
        return out;
    }
}
