package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.DumpCollector;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.expr.Dynset;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Expressions;
import nftlink.nftables.expr.RawExpression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_DUMP;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;
import static nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_SUBSYS_NFTABLES;
import static nftlink.nftables.NfTablesUapi.NFPROTO_UNSPEC;
import static nftlink.nftables.NfTablesUapi.NFTA_RULE_EXPRESSIONS;
import static nftlink.nftables.NfTablesUapi.NFT_MSG_GETRULE;

/**
 * Rules as the kernel dumps them, each with the exact bytes of its
 * {@code NFTA_RULE_EXPRESSIONS} attribute, and helpers to compare listings keyed
 * by family, table, chain and handle (handles are only unique within a table).
 */
final class KernelRuleDump {
    private KernelRuleDump() {
    }

    /** A listed rule and the expression list attribute it was decoded from (header included). */
    record Dumped(Rule rule, byte[] expressions) {
    }

    /** Every rule of the namespace {@code nft} is connected to. */
    static List<Dumped> dump(Nftables nft) {
        return nft.connection().dump((w, seq) -> {
            int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, NFT_MSG_GETRULE),
                    NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK, seq, NFPROTO_UNSPEC, 0);
            w.endMessage(m);
        }, () -> new DumpCollector<List<Dumped>>() {
            private final List<Dumped> rules = new ArrayList<>();

            @Override
            public void accept(NetlinkMessage m) {
                byte[] expressions = null;
                for (Attribute a : m.attributes(NFGENMSG_LEN)) {
                    if (a.type() == NFTA_RULE_EXPRESSIONS) {
                        MessageWriter w = new MessageWriter(a.length() + 8);
                        w.attrBytes(a.rawType(), a.bytes());
                        expressions = w.toByteArray();
                    }
                }
                rules.add(new Dumped(Rule.decode(m), expressions));
            }

            @Override
            public List<Dumped> result() {
                return rules;
            }
        }, "list rules with their bytes", NFGENMSG_LEN, null);
    }

    /** What the library writes for a rule's expressions: the whole {@code NFTA_RULE_EXPRESSIONS} attribute. */
    static byte[] encode(List<? extends Expression> expressions) {
        MessageWriter w = new MessageWriter(1024);
        Expressions.write(w, NFTA_RULE_EXPRESSIONS, expressions);
        return w.toByteArray();
    }

    /** The key of a rule in {@link #ruleBlocks}: {@code FAMILY TABLE CHAIN HANDLE}. */
    static String key(Rule r) {
        return r.location() + " " + Long.toUnsignedString(r.handle());
    }

    /**
     * The rule blocks of {@code nft --debug=netlink list ruleset} keyed by
     * {@code FAMILY TABLE CHAIN HANDLE}, each a header line and its {@code [ ... ]} lines.
     */
    static Map<String, String> ruleBlocks(String output) {
        Map<String, String> byKey = new LinkedHashMap<>();
        String[] lines = output.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] header = lines[i].split(" ");
            boolean ruleHeader = header.length >= 4 && header.length <= 5 && !lines[i].startsWith(" ")
                    && header[3].chars().allMatch(Character::isDigit) && i + 1 < lines.length && lines[i + 1].startsWith("  [");
            if (!ruleHeader) {
                continue;
            }
            StringBuilder block = new StringBuilder(lines[i]).append('\n');
            int j = i + 1;
            while (j < lines.length && lines[j].startsWith("  [")) {
                block.append(lines[j]).append('\n');
                j++;
            }
            byKey.put(String.join(" ", header[0], header[1], header[2], header[3]), block.toString());
            i = j - 1;
        }
        return byKey;
    }

    /** The expressions of a rule and, recursively, those nested in dynset. */
    static Stream<Expression> deep(List<? extends Expression> expressions) {
        return expressions.stream().flatMap(e -> e instanceof Dynset d
                ? Stream.concat(Stream.of(e), deep(d.expressions())) : Stream.of(e));
    }

    /** Whether a rule holds an expression the library kept raw, at any depth. */
    static boolean hasRaw(Rule r) {
        return deep(r.expressions()).anyMatch(e -> e instanceof RawExpression);
    }
}
