package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.Hook;
import nftlink.nftables.NfTablesUapi;

import java.util.ArrayList;
import java.util.List;

/**
 * The block of a flowtable declaration: {@code { hook ingress priority P; devices = { lo, eth0 };
 * [flags offload;] [counter;] }}. The priority is a number or a netdev priority name with an
 * optional offset ({@code filter + 5}), as for chains.
 */
final class FlowtableParser {

    private final Cursor c;

    FlowtableParser(Cursor c) {
        this.c = c;
    }

    /** The flowtable after {@code flowtable NAME}. */
    Flowtable flowtable(Family family, String table, Token name) {
        c.expect(Token.Kind.LBRACE, "'{'");
        Integer priority = null;
        boolean hooked = false;
        List<String> devices = new ArrayList<>();
        int flags = 0;
        while (Block.skipSeparators(c)) {
            Token t = c.expect(Token.Kind.WORD, "hook, devices, flags, counter or '}'");
            switch (t.text()) {
                case "hook" -> {
                    Token hookToken = c.expect(Token.Kind.WORD, "ingress");
                    if (!hookToken.is("ingress")) {
                        throw Cursor.error(hookToken, "flowtable hook must be ingress, not " + hookToken.text());
                    }
                    hooked = true;
                    c.expect("priority");
                    priority = Priorities.read(c, Family.NETDEV, Hook.INGRESS, "for a flowtable (filter is)");
                }
                case "devices" -> {
                    c.expect(Token.Kind.EQUALS, "'='");
                    devices.addAll(devices());
                }
                case "flags" -> {
                    do {
                        Token f = c.expect(Token.Kind.WORD, "offload");
                        if (!f.is("offload")) {
                            throw Cursor.error(f, "syntax error, unexpected " + f.text() + ", expecting offload");
                        }
                        flags |= NfTablesUapi.NFT_FLOWTABLE_HW_OFFLOAD;
                    } while (c.accept(Token.Kind.COMMA));
                }
                case "counter" -> flags |= NfTablesUapi.NFT_FLOWTABLE_COUNTER;
                default -> throw Cursor.error(t, "syntax error, unexpected " + t.text()
                        + ", expecting hook, devices, flags, counter or '}'");
            }
            if (!c.accept(Token.Kind.NEWLINE) && !c.accept(Token.Kind.SEMICOLON) && !c.at(Token.Kind.RBRACE)) {
                throw c.unexpected("newline, ';' or '}'");
            }
        }
        if (!hooked) {
            throw Cursor.error(name, "flowtable " + name.text() + " needs 'hook ingress priority P'");
        }
        int p = priority;
        int f = flags;
        return Cursor.at(name, () -> Flowtable.of(family, table, name.text(), p, devices).withFlags(f));
    }

    /** {@code { a, "b", ... }} or a single name. */
    private List<String> devices() {
        List<String> out = new ArrayList<>();
        if (!c.accept(Token.Kind.LBRACE)) {
            out.add(device());
            return out;
        }
        while (true) {
            c.skipNewlines();
            if (c.accept(Token.Kind.RBRACE)) {
                break;
            }
            if (c.accept(Token.Kind.LBRACE)) {
                // a variable holding a set of devices
                do {
                    c.skipNewlines();
                    out.add(device());
                    c.skipNewlines();
                } while (c.accept(Token.Kind.COMMA));
                c.expect(Token.Kind.RBRACE, "'}'");
            } else {
                out.add(device());
            }
            c.skipNewlines();
            if (!c.accept(Token.Kind.COMMA)) {
                c.skipNewlines();
                if (!c.at(Token.Kind.RBRACE)) {
                    throw c.unexpected("',' or '}'");
                }
            }
        }
        if (out.isEmpty()) {
            throw c.unexpected("a device name");
        }
        return out;
    }

    private String device() {
        Token d = c.name("a device name");
        if (d.text().isEmpty() || d.text().length() > 15) {
            throw Cursor.error(d, "not a device name: \"" + d.text() + "\" (1 to 15 characters)");
        }
        return d.text();
    }
}
