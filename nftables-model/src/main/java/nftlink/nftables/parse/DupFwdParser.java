package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.Bytes;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Statement;

/** Parses the {@code dup} and {@code fwd} statements, which send a packet (or its copy) elsewhere. */
final class DupFwdParser extends RuleSubparser {

    /** A parser of the rule that {@code r} holds the state of. */
    DupFwdParser(RuleContext r) {
        super(r);
    }

    /** {@code dup to ADDR [device DEV]} or {@code dup to DEV}. */
    Statement dup() {
        Token start = c.next();
        c.expect("to");
        Token target = c.peek();
        if (RuleVocabulary.startsField(target)) {
            Field map = r.lookups.targetMap(family == Family.NETDEV ? Datatype.IFINDEX
                    : family == Family.IP6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR);
            if (family == Family.NETDEV) {
                return Cursor.at(start, () -> new Statement.DupStatement(null, null, null, map));
            }
            Integer dev = c.accept("device") ? device(c.next()) : null;
            return Cursor.at(start, () -> new Statement.DupStatement(null, dev, map, null));
        }
        if (target.kind() == Token.Kind.STRING) {
            c.next();
            int dev = device(target);
            return new Statement.DupStatement(null, dev);
        }
        Bytes address = address(c.expect(Token.Kind.WORD, "an address or a quoted device name"));
        Integer dev = null;
        if (c.accept("device")) {
            dev = device(c.next());
        }
        Integer d = dev;
        return Cursor.at(start, () -> new Statement.DupStatement(address, d));
    }

    /** {@code fwd to DEV} or {@code fwd ip|ip6 to ADDR device DEV}. */
    Statement fwd() {
        Token start = c.next();
        if (c.accept("to")) {
            if (RuleVocabulary.startsField(c.peek())) {
                Field map = r.lookups.targetMap(Datatype.IFINDEX);
                return Cursor.at(start, () -> new Statement.FwdStatement(0, null, map));
            }
            return new Statement.FwdStatement(device(c.next()), null);
        }
        Token fam = c.expect(Token.Kind.WORD, "to, ip or ip6");
        if (!fam.text().equals("ip") && !fam.text().equals("ip6")) {
            throw Cursor.error(fam, "syntax error, unexpected " + fam.text() + ", expecting to, ip or ip6");
        }
        c.expect("to");
        Token at = c.expect(Token.Kind.WORD, "an address");
        Bytes address = Cursor.at(at, () -> (fam.text().equals("ip") ? Datatype.IPV4_ADDR : Datatype.IPV6_ADDR).parse(at.text(), 0));
        c.expect("device");
        int dev = device(c.next());
        return Cursor.at(start, () -> new Statement.FwdStatement(dev, address));
    }

    private Bytes address(Token t) {
        boolean v6 = t.text().contains(":");
        if (v6 && family == Family.IP || !v6 && family == Family.IP6) {
            throw Cursor.error(t, "address of the wrong family for a table of family " + family.nftName());
        }
        return Cursor.at(t, () -> (v6 ? Datatype.IPV6_ADDR : Datatype.IPV4_ADDR).parse(t.text(), 0));
    }

    private int device(Token t) {
        return values.single(new ValueParser.Part(Datatype.IFINDEX, 4, false, false), t).asU32();
    }
}
