package nftlink.nftables.parse;

import nftlink.nftables.SetElement;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.NftData;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ElementCompiler;
import nftlink.nftables.lang.MapLookupField;
import nftlink.nftables.lang.SetElementSpec;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses {@code { ELEMENT [timeout T] [comment "C"] [: DATA], ... }} into kernel set elements,
 * through the {@link ElementCompiler} JSON uses too.
 */
final class Elements {

    private final Cursor c;
    private final ValueParser values;

    Elements(Cursor c, ValueParser values) {
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
        return compile(shape, read(shape, setName, keysOnly), keysOnly, merge);
    }

    /** The elements of a block as written, each with the token it starts at, before they are compiled. */
    record Block(List<SetElementSpec> specs, List<Token> where) {
        Block {
            specs = List.copyOf(specs);
            where = List.copyOf(where);
        }

        /** This block's elements, then {@code more}'s. */
        Block and(Block more) {
            List<SetElementSpec> s = new ArrayList<>(specs);
            s.addAll(more.specs);
            List<Token> w = new ArrayList<>(where);
            w.addAll(more.where);
            return new Block(s, w);
        }
    }

    /** Reads {@code { ELEMENT, ... }} without compiling it. */
    Block read(SetShape shape, String setName, boolean keysOnly) {
        c.expect(Token.Kind.LBRACE, "'{'");
        List<SetElementSpec> specs = new ArrayList<>();
        List<Token> where = new ArrayList<>();
        collect(shape, setName, keysOnly, specs, where);
        return new Block(specs, where);
    }

    /** Compiles {@code block} for a set of {@code shape}; with {@code merge} (auto-merge) overlapping and adjacent intervals join. */
    List<SetElement> compile(SetShape shape, Block block, boolean keysOnly, boolean merge) {
        ElementCompiler compiler = Cursor.at(c.in.last(), () -> shape.compiler(merge && !shape.isMap()));
        try {
            return keysOnly ? compiler.deletion(block.specs()) : compiler.compile(block.specs());
        } catch (ElementCompiler.ElementException e) {
            throw Cursor.error(block.where().get(e.index()), e.getMessage());
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
        Value v = c.accept("*") ? new Value.CatchAll() : ValueParser.wildcard(shape.key(), values.elementKey(shape.key()));
        if (!(v instanceof Value.Single || v instanceof Value.CatchAll) && !shape.interval()) {
            throw Cursor.error(at, "you must add 'flags interval' to the declaration of " + setName
                    + " to add prefixes or ranges");
        }
        if (!(v instanceof Value.Single || v instanceof Value.Prefix || v instanceof Value.Range || v instanceof Value.CatchAll)) {
            throw Cursor.error(at, "not a set element");
        }
        // KEY [STATEFUL ...] [timeout T] [expires T] [comment "C"] [STATEFUL ...] [: DATA], as nft reads them
        List<Statement> statements = new ArrayList<>(statements());
        long timeout = 0;
        long expires = 0;
        String comment = null;
        while (true) {
            if (c.accept("timeout")) {
                timeout = Durations.millis(c.expect(Token.Kind.WORD, "a duration such as 30s"));
            } else if (c.accept("expires")) {
                expires = Durations.millis(c.expect(Token.Kind.WORD, "a duration such as 30s"));
            } else if (c.accept("comment")) {
                comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
            } else {
                break;
            }
        }
        statements.addAll(statements());
        NftData data = null;
        String object = null;
        if (shape.isMap() && !(keysOnly && !c.at(":"))) {
            c.expect(":");
            if (shape.objects()) {
                object = c.name("an object name").text();
            } else {
                data = data(shape);
            }
        }
        NftData d = data;
        String o = object;
        long t = timeout;
        long e = expires;
        String cm = comment;
        return Cursor.at(at, () -> new SetElementSpec(v, d, o, t, e, cm, statements));
    }

    /** The stateful statements an element carries ({@code counter}, {@code limit rate ...}, ...), in a row. */
    private List<Statement> statements() {
        return values.elementStatements();
    }

    private NftData data(SetShape shape) {
        if (shape.verdicts()) {
            return NftData.of(values.verdict());
        }
        if (shape.dataInterval()) {
            return NftData.of(rangeData(shape));
        }
        Bytes first = values.single(shape.data(), c.next());
        if (shape.dataRest().isEmpty()) {
            return NftData.of(first);
        }
        List<Bytes> parts = new ArrayList<>(List.of(first));
        for (ValueParser.Part part : shape.dataRest()) {
            c.expect(".");
            parts.add(values.single(part, c.next()));
        }
        return NftData.of(MapLookupField.concatData(parts));
    }

    /** The data of an interval map: a value, a prefix or a range (of each part), as its lows then its highs. */
    private Bytes rangeData(SetShape shape) {
        Token at = c.peek();
        List<ValueParser.Part> parts = shape.dataParts();
        Value v = values.item(parts, false);
        Bytes[] bounds = switch (v) {
            case Value.Single x -> new Bytes[]{x.bytes(), x.bytes()};
            case Value.Prefix x -> new Bytes[]{x.address(), x.last()};
            case Value.Range x -> new Bytes[]{x.low(), x.high()};
            default -> throw Cursor.error(at, "not a value, a prefix or a range");
        };
        if (parts.size() > 1) {
            return Bytes.of(concat(bounds[0].toArray(), bounds[1].toArray()));
        }
        int padded = (parts.getFirst().length() + 3) & ~3;
        byte[] out = new byte[2 * padded];
        System.arraycopy(bounds[0].toArray(), 0, out, 0, bounds[0].length());
        System.arraycopy(bounds[1].toArray(), 0, out, padded, bounds[1].length());
        return Bytes.of(out);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
