package nftlink.nftables.parse;

import nftlink.nftables.lang.ConstantField;
import nftlink.nftables.lang.InnerField;
import nftlink.nftables.lang.SetOperation;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Statement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Parses the dynamic set updates {@code add|update|delete @SET { KEY ... }}. */
final class DynsetParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    DynsetParser(RuleContext r) {
        super(r);
    }

    /** Constant data for map {@code set}, of the type its declaration gives: {@code 10.0.0.1 . 80}. */
    private Field constantData(Token set) {
        SetShape shape = r.maps.apply(set.text());
        if (shape == null || shape.data() == null) {
            throw Cursor.error(c.peek(), shape == null ? "constant data for @" + set.text() + ": declare the map first (its data type"
                    + " says how to read the value)" : "@" + set.text() + " is not a map of values");
        }
        Token start = c.peek();
        List<Datatype> types = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        List<Bytes> values = new ArrayList<>();
        for (ValueParser.Part part : shape.dataParts()) {
            if (!types.isEmpty()) {
                c.expect(".");
            }
            types.add(part.type());
            lengths.add(part.length());
            values.add(this.values.single(part, c.next()));
        }
        return Cursor.at(start, () -> new ConstantField(types, lengths, values));
    }

    /**
     * The key of a dynamic set update: fields, and constants where the set's key has a part no field gives
     * ({@code add @s { ip saddr . 10002 }}, read as the declared type of that part).
     */
    private Field dynsetKey(Token set) {
        Token start = c.peek();
        List<Field> parts = new ArrayList<>();
        do {
            // a tunnel's inner header field too: update @y { vxlan ip saddr }
            if (RuleVocabulary.startsField(c.peek()) || c.peek().kind() == Token.Kind.WORD
                    && InnerField.Tunnel.named(c.peek().text()) != null) {
                parts.add(r.fields.field());
                continue;
            }
            SetShape shape = r.maps.apply(set.text());
            int index = parts.size();
            if (shape == null || index >= shape.key().size()) {
                throw Cursor.error(c.peek(), shape == null ? "a constant in the key of @" + set.text() + ": declare the set "
                        + "first (its type says how to read the value)" : "@" + set.text() + " has no key part " + (index + 1));
            }
            ValueParser.Part part = shape.key().get(index);
            Token constant = c.next();
            Bytes value = values.single(part, constant);
            parts.add(Cursor.at(constant, () -> new ConstantField(List.of(part.type()),
                    List.of(part.length()), List.of(value))));
        } while (c.accept("."));
        if (parts.size() == 1) {
            // a constant key as nft takes it: add @m { 10.2.3.4 timeout 2s : 0x2 }
            return parts.getFirst();
        }
        return Cursor.at(start, () -> new ConcatField(parts));
    }

    /** {@code add|update|delete @SET { KEY [timeout T] [: DATA] }}. */
    Statement dynset() {
        Token op = c.next();
        Token set = c.expect(Token.Kind.SET_REFERENCE, "@set after " + op.text());
        c.expect(Token.Kind.LBRACE, "'{'");
        Field key = dynsetKey(set);
        Long timeout = null;
        if (c.accept("timeout")) {
            timeout = Durations.millis(c.next());
        }
        if (c.at("expires")) {
            throw Cursor.error(c.peek(), "unsupported: expires in dynamic set updates (timeout sets the element's lifetime)");
        }
        List<Statement> stateful = new ArrayList<>();
        while (true) {
            Token at = c.peek();
            Statement s;
            if (c.at("counter")) {
                s = r.stateful.counter();
            } else if (c.at("limit")) {
                s = r.stateful.limit();
            } else if (c.at("quota")) {
                s = r.stateful.quota();
            } else if (c.at("ct") && c.in.peekIs(1, "count")) {
                s = r.stateful.connlimit();
            } else {
                break;
            }
            if (s instanceof Statement.ObjectReference) {
                throw Cursor.error(at, "a set element holds its own counter, limit or quota, not a named object");
            }
            stateful.add(s);
        }
        Field data = null;
        if (c.accept(":")) {
            data = RuleVocabulary.startsField(c.peek()) ? r.fields.fieldOrConcat() : constantData(set);
        }
        c.expect(Token.Kind.RBRACE, "'}'");
        SetOperation code = SetOperation.named(op.text()).orElseThrow();
        Duration t = timeout == null ? null : Duration.ofMillis(timeout);
        Field d = data;
        return Cursor.at(op, () -> new Statement.DynsetStatement(code, set.text(), key, d, t, stateful));
    }
}
