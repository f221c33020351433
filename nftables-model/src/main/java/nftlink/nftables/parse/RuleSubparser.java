package nftlink.nftables.parse;

import nftlink.nftables.Family;

/** One of the parsers of a rule's statements, reading from the cursor of the rule whose state it shares. */
abstract sealed class RuleSubparser permits BinopParser, DupFwdParser, DynsetParser, FieldParser, MapLookupParser,
        MatchParser, NatParser, QueueParser, RejectParser, StatefulParser, TcpStatementParser {

    /** The state of the rule being read. */
    final RuleContext r;
    /** The cursor over the rule's tokens. */
    final Cursor c;
    /** The reader of values. */
    final ValueParser values;
    /** The family of the rule's table. */
    final Family family;

    /** A parser of the rule that {@code r} holds the state of. */
    RuleSubparser(RuleContext r) {
        this.r = r;
        this.c = r.c;
        this.values = r.values;
        this.family = r.family;
    }
}
