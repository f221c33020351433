package nftlink.nftables.parse;

import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.Family;
import nftlink.nftables.lang.Statement;

import java.util.List;
import java.util.function.Function;

/**
 * The state one rule's parse shares between the rule parsers: the cursor, the table's family and sets, the
 * statements read so far, and the parsers themselves.
 */
final class RuleContext {

    /** The cursor over the rule's tokens. */
    final Cursor c;
    /** The reader of values. */
    final ValueParser values;
    /** The family of the rule's table. */
    final Family family;
    /** The declared shape of a set or map of the rule's table, by name; {@code null} when unknown. */
    final Function<String, SetShape> maps;
    /** The statements of the rule read so far (for syntax whose meaning depends on them). */
    List<Statement> before = List.of();
    /** Whether this parses a rule of an anonymous chain, which nft does not nest. */
    boolean nested;

    /** The parser of fields. */
    final FieldParser fields;
    /** The parser of matches and of {@code FIELD set VALUE}. */
    final MatchParser matches;
    /** The parser of values computed from the packet. */
    final BinopParser binops;
    /** The parser of map lookups and object references. */
    final MapLookupParser lookups;
    /** The parser of counter, log, limit, quota, ct count and last. */
    final StatefulParser stateful;
    /** The parser of dynamic set updates. */
    final DynsetParser dynsets;
    /** The parser of snat, dnat, masquerade, redirect and tproxy. */
    final NatParser nats;
    /** The parser of queue. */
    final QueueParser queues;
    /** The parser of dup and fwd. */
    final DupFwdParser dupFwd;
    /** The parser of synproxy and reset tcp option. */
    final TcpStatementParser tcp;
    /** The parser of reject. */
    final RejectParser rejects;

    /** The state of a rule read from {@code c}, in a table of {@code family} whose sets {@code maps} describes. */
    RuleContext(Cursor c, ValueParser values, Family family, Function<String, SetShape> maps) {
        this.c = c;
        this.values = values;
        this.family = family;
        this.maps = maps;
        this.fields = new FieldParser(this);
        this.matches = new MatchParser(this);
        this.binops = new BinopParser(this);
        this.lookups = new MapLookupParser(this);
        this.stateful = new StatefulParser(this);
        this.dynsets = new DynsetParser(this);
        this.nats = new NatParser(this);
        this.queues = new QueueParser(this);
        this.dupFwd = new DupFwdParser(this);
        this.tcp = new TcpStatementParser(this);
        this.rejects = new RejectParser(this);
    }

    /** {@code &}, {@code |} or {@code ^} when one of them (or and/or/xor) follows a single field, else {@code null}. */
    String maskOperator(Field f) {
        if (f instanceof ConcatField || c.peek().kind() != Token.Kind.WORD) {
            return null;
        }
        return switch (c.peek().text()) {
            case "&", "and" -> "&";
            case "|", "or" -> "|";
            case "^", "xor" -> "^";
            default -> null;
        };
    }

    /**
     * Moves to the next {@code KEY : DATA} entry of an anonymous map whose {@code '{'} has been read, past
     * newlines, splitting a key written against its colon.
     *
     * @return {@code false} once the closing {@code '}'} has been read, {@code true} at an entry
     */
    boolean nextMapEntry() {
        c.skipNewlines();
        if (c.accept(Token.Kind.RBRACE)) {
            return false;
        }
        splitGluedColon();
        return true;
    }

    /** After an entry of an anonymous map: newlines, then the {@code ','} before the next entry or the {@code '}'}. */
    void endMapEntry() {
        c.skipNewlines();
        if (!c.accept(Token.Kind.COMMA) && !c.at(Token.Kind.RBRACE)) {
            throw c.unexpected("',' or '}'");
        }
    }

    /**
     * A map key written against its colon ({@code untracked: accept}) is one word for the lexer: reads it as the key
     * and a colon, unless a colon of its own follows (an IPv6 address may end with one: {@code 2001:db8:: : accept}).
     */
    private void splitGluedColon() {
        Token t = c.peek();
        if (t.kind() == Token.Kind.WORD && t.text().length() > 1 && t.text().endsWith(":") && !c.in.peekIs(1, ":")) {
            c.in.replaceNext(List.of(new Token(Token.Kind.WORD, t.text().substring(0, t.text().length() - 1), t.location()),
                    new Token(Token.Kind.WORD, ":", t.location())));
        }
    }

    /** Whether the operator {@code op} ({@code <<}, {@code >>}) is next. */
    boolean atOperator(String op) {
        return c.peek().kind() == Token.Kind.OPERATOR && c.peek().text().equals(op);
    }
}
