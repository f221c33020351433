package nftlink.nftables.parse;

import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.lang.ObjectType;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.List;

/** Parses map lookups after a key ({@code KEY map { ... }} or {@code KEY map @NAME}) and references to stateful objects. */
final class MapLookupParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    MapLookupParser(RuleContext r) {
        super(r);
    }

    /** {@code KEY map { K : DATA, ... }} or {@code KEY map @NAME}, data of {@code type} (interfaces by name). */
    Field targetMap(Datatype type) {
        Token start = c.peek();
        Field key = r.fields.fieldOrConcat();
        if (!c.at("map")) {
            throw Cursor.error(start, "unsupported: a computed target other than a map lookup (KEY map { ... })");
        }
        int length = type == Datatype.IPV6_ADDR ? 16 : 4;
        return mapLookup(key, type, length, new ValueParser.Part(type, length, false, false));
    }

    /** {@code map { KEY : DATA, ... }} or {@code map @NAME} after {@code key}; data of {@code target}'s type. */
    Field mapLookup(Field key, Field target) {
        return mapLookup(key, target.datatype(), target.length(), ValueParser.parts(target).getFirst());
    }

    /** {@code map { KEY : DATA, ... }} or {@code map @NAME} after {@code key}, data of {@code dataType} read as {@code dataPart}. */
    Field mapLookup(Field key, Datatype dataType, int dataLength, ValueParser.Part dataPart) {
        return mapLookup(key, dataType, dataLength, dataPart, null);
    }

    /**
     * As {@link #mapLookup(Field, Datatype, int, ValueParser.Part)}; with a {@code tail}, the data may be
     * concatenated {@code DATA . TAIL} (all entries or none), as nat's {@code ADDRESS . PORT}.
     */
    Field mapLookup(Field key, Datatype dataType, int dataLength, ValueParser.Part dataPart, ValueParser.Part tail) {
        Token map = c.next();
        if (c.at(Token.Kind.SET_REFERENCE)) {
            String name = c.next().text();
            if (tail != null) {
                return namedNatMap(map, key, dataType, name);
            }
            return Cursor.at(map, () -> new MapLookupField(key, dataType, dataLength, List.of(), name));
        }
        c.expect(Token.Kind.LBRACE, "'{' or @map");
        List<ValueParser.Part> keyParts = ValueParser.parts(key);
        // per entry: its key, and the lows and highs of its data's parts
        List<Value> keys = new ArrayList<>();
        List<List<Bytes>> lows = new ArrayList<>();
        List<List<Bytes>> highs = new ArrayList<>();
        List<Token> keyTokens = new ArrayList<>();
        boolean ranges = false;
        while (r.nextMapEntry()) {
            Token keyToken = c.peek();
            // * : DATA is the catch-all entry
            Value k = c.accept("*") ? new Value.CatchAll() : values.item(keyParts, false);
            c.expect(":");
            Token dataToken = c.peek();
            List<Bytes> low = new ArrayList<>();
            List<Bytes> high = new ArrayList<>();
            ranges |= mapData(dataPart, tail, dataToken, low, high);
            if (!lows.isEmpty() && low.size() != lows.getFirst().size()) {
                throw Cursor.error(dataToken, low.size() > 1
                        ? "the map's first data is a single value: '. " + tail.type().nftName() + "' is out of place here"
                        : "the map's first data is concatenated (" + dataType.nftName() + " . " + tail.type().nftName()
                        + "): this one misses its second part");
            }
            keys.add(k);
            keyTokens.add(keyToken);
            lows.add(low);
            highs.add(high);
            r.endMapEntry();
        }
        boolean concatenated = !lows.isEmpty() && lows.getFirst().size() > 1;
        List<MapLookupField.Entry> entries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Bytes d = ranges ? MapLookupField.rangeData(lows.get(i), highs.get(i))
                    : concatenated ? MapLookupField.concatData(lows.get(i)) : lows.get(i).getFirst();
            Token keyToken = keyTokens.get(i);
            entries.add(switch (keys.get(i)) {
                case Value.Single single -> new MapLookupField.Entry(single.bytes(), d);
                case Value.Range r -> Cursor.at(keyToken, () -> MapLookupField.Entry.range(r.low(), r.high(), d));
                case Value.Prefix p -> Cursor.at(keyToken, () -> MapLookupField.Entry.range(p.address(), p.last(), d));
                case Value.CatchAll all -> MapLookupField.Entry.catchAll(d);
                default -> throw Cursor.error(keyToken, "not a key of a data map");
            });
        }
        List<Datatype> parts = concatenated ? List.of(dataType, tail.type()) : List.of(dataType);
        if (ranges) {
            return Cursor.at(map, () -> MapLookupField.ranges(key, parts, entries, null));
        }
        if (concatenated) {
            return Cursor.at(map, () -> MapLookupField.concatenated(key, parts, entries, null));
        }
        return Cursor.at(map, () -> new MapLookupField(key, dataType, dataLength, entries, null));
    }

    /**
     * One entry's data into {@code low} and {@code high}: a value of {@code dataPart}, or with a {@code tail}
     * (nat) {@code ADDRESS [. PORT]}, each part also a range or a prefix; whether a range or prefix was read.
     */
    private boolean mapData(ValueParser.Part dataPart, ValueParser.Part tail, Token dataToken, List<Bytes> low, List<Bytes> high) {
        boolean range = false;
        if (tail == null) {
            Bytes single = values.single(dataPart, c.next());
            low.add(single);
            high.add(single);
        } else {
            // nat: ADDRESS, ADDRESS . PORT, each part also a range (or an address prefix)
            for (ValueParser.Part part : List.of(dataPart, tail)) {
                if (part == tail && !c.accept(".")) {
                    break;
                }
                Value v = dataValue(part);
                low.add(switch (v) {
                    case Value.Single x -> x.bytes();
                    case Value.Range r -> r.low();
                    case Value.Prefix p -> p.address();
                    default -> throw Cursor.error(dataToken, "not a value of the map's data");
                });
                high.add(v instanceof Value.Range r ? r.high() : v instanceof Value.Prefix p ? p.last() : low.getLast());
                range |= !(v instanceof Value.Single);
            }
        }
        return range;
    }

    /**
     * A named map nat takes its target from, shaped as declared: addresses, {@code ADDRESS . PORT}, or
     * ranges of them ({@code : interval ipv4_addr . inet_service}); an undeclared map holds addresses.
     */
    private Field namedNatMap(Token map, Field key, Datatype address, String name) {
        SetShape shape = r.maps.apply(name);
        if (shape == null || shape.data() == null) {
            return Cursor.at(map, () -> new MapLookupField(key, address, address.length(), List.of(), name));
        }
        List<Datatype> parts = shape.dataParts().stream().map(ValueParser.Part::type).toList();
        if (parts.getFirst() != address) {
            throw Cursor.error(map, "@" + name + " maps to " + parts.getFirst().nftName() + ", not to " + address.nftName());
        }
        if (shape.dataInterval()) {
            return Cursor.at(map, () -> MapLookupField.ranges(key, parts, List.of(), name));
        }
        if (parts.size() > 1) {
            return Cursor.at(map, () -> MapLookupField.concatenated(key, parts, List.of(), name));
        }
        return Cursor.at(map, () -> new MapLookupField(key, address, address.length(), List.of(), name));
    }

    /** One part of a nat map's data: a value, a range or a prefix; an IPv6 address may be bracketed ([fd00::1]). */
    private Value dataValue(ValueParser.Part part) {
        Token t = c.peek();
        if (t.text().startsWith("[") && t.text().endsWith("]")) {
            c.next();
            return new Value.Single(values.single(part, new Token(t.kind(), t.text().substring(1, t.text().length() - 1),
                    t.location())));
        }
        return values.item(List.of(part), false);
    }

    /** The quoted name of a stateful object a rule refers to. */
    Statement objectReference(ObjectType type) {
        if (RuleVocabulary.startsField(c.peek())) {
            return objectMap(type);
        }
        Token name = c.next();
        if (name.kind() != Token.Kind.STRING && name.kind() != Token.Kind.WORD) {
            throw Cursor.error(name, "syntax error, unexpected " + name.describe() + ", expecting an object name");
        }
        return Cursor.at(name, () -> new Statement.ObjectReference(type, name.text()));
    }

    /** {@code KEY map { K : "OBJECT", ... }} or {@code KEY map @NAME} after {@code counter name} and the like. */
    private Statement objectMap(ObjectType type) {
        Token start = c.peek();
        Field loaded = r.fields.fieldOrConcat();
        // counter name meta mark >> 8 & 0xf map @m
        Field key = r.atOperator("<<") || r.atOperator(">>") ? r.binops.binop(start, loaded) : loaded;
        Token map = c.expect("map");
        if (c.at(Token.Kind.SET_REFERENCE)) {
            String named = c.next().text();
            return Cursor.at(map, () -> new Statement.ObjectMap(type, key, List.of(), named));
        }
        c.expect(Token.Kind.LBRACE, "'{' or @map");
        List<ValueParser.Part> keyParts = ValueParser.parts(key);
        List<Statement.ObjectMap.Entry> entries = new ArrayList<>();
        while (r.nextMapEntry()) {
            Token keyToken = c.peek();
            Value k = values.item(keyParts, false);
            c.expect(":");
            Token object = c.next();
            if (object.kind() != Token.Kind.STRING && object.kind() != Token.Kind.WORD) {
                throw Cursor.error(object, "syntax error, unexpected " + object.describe() + ", expecting an object name");
            }
            entries.add(Cursor.at(keyToken, () -> new Statement.ObjectMap.Entry(k, object.text())));
            r.endMapEntry();
        }
        return Cursor.at(map, () -> new Statement.ObjectMap(type, key, entries, null));
    }
}
