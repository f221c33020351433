package nftlink.nftables.parse;

import nftlink.nftables.SetElement;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.expr.Data;
import nftlink.nftables.lang.ElementCompiler;
import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.lang.SetElementSpec;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code { ELEMENT [timeout T] [comment "C"] [: DATA], ... }} into kernel set elements,
 * through the {@link ElementCompiler} JSON uses too.
 */
final class Elements {

    private final Cursor c;
    private final Values values;

    Elements(Cursor c, Values values) {
        this.c = c;
        this.values = values;
    }

    List<SetElement> block(SetShape shape, String setName) {
        return block(shape, setName, false);
    }

    /** As {@link #block(SetShape, String)}; with {@code keysOnly} map elements need no data (for deletion). */
    List<SetElement> block(SetShape shape, String setName, boolean keysOnly) {
        return block(shape, setName, keysOnly, false);
    }

    /** As {@link #block(SetShape, String, boolean)}; with {@code merge} (auto-merge) overlapping and adjacent intervals join. */
    List<SetElement> block(SetShape shape, String setName, boolean keysOnly, boolean merge) {
        c.expect(Token.Kind.LBRACE, "'{'");
        List<SetElementSpec> specs = new ArrayList<>();
        List<Token> where = new ArrayList<>();
        collect(shape, setName, keysOnly, specs, where);
        ElementCompiler compiler = new ElementCompiler(shape.keyLength(), shape.interval(), shape.key().size() > 1,
                merge && !shape.isMap());
        try {
            return compiler.compile(specs);
        } catch (ElementCompiler.ElementException e) {
            throw Cursor.error(where.get(e.index()), e.getMessage());
        }
    }

    private void collect(SetShape shape, String setName, boolean keysOnly, List<SetElementSpec> specs, List<Token> where) {
        while (true) {
            c.skipNewlines();
            if (c.accept(Token.Kind.RBRACE)) {
                return;
            }
            if (c.accept(Token.Kind.LBRACE)) {
                collect(shape, setName, keysOnly, specs, where);
            } else {
                where.add(c.peek());
                specs.add(item(shape, setName, keysOnly));
            }
            c.skipNewlines();
            if (!c.accept(Token.Kind.COMMA) && !c.at(Token.Kind.RBRACE)) {
                throw c.unexpected("',' or '}'");
            }
        }
    }

    private SetElementSpec item(SetShape shape, String setName, boolean keysOnly) {
        Token at = c.peek();
        Value v = values.item(shape.key(), false);
        if (!(v instanceof Value.Single) && !shape.interval()) {
            throw Cursor.error(at, "you must add 'flags interval' to the declaration of " + setName
                    + " to add prefixes or ranges");
        }
        if (!(v instanceof Value.Single || v instanceof Value.Prefix || v instanceof Value.Range)) {
            throw Cursor.error(at, "not a set element");
        }
        long timeout = 0;
        String comment = null;
        while (true) {
            if (c.accept("timeout")) {
                timeout = Durations.millis(c.expect(Token.Kind.WORD, "a duration such as 30s"));
            } else if (c.accept("comment")) {
                comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
            } else {
                break;
            }
        }
        Data data = null;
        if (shape.isMap() && !(keysOnly && !c.at(":"))) {
            c.expect(":");
            data = data(shape);
        }
        return new SetElementSpec(v, data, null, timeout, 0, comment, List.of());
    }

    private Data data(SetShape shape) {
        if (shape.verdicts()) {
            return Data.of(values.verdict());
        }
        Bytes first = values.single(shape.data(), c.next());
        if (shape.dataRest().isEmpty()) {
            return Data.of(first);
        }
        List<Bytes> parts = new ArrayList<>(List.of(first));
        for (Values.Part part : shape.dataRest()) {
            c.expect(".");
            parts.add(values.single(part, c.next()));
        }
        return Data.of(MapLookupField.concatData(parts));
    }
}
