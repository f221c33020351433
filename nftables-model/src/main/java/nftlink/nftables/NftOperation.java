package nftlink.nftables;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.MessageWriter;
import nftlink.nfnetlink.BatchOperation;

import java.util.Objects;

import static nftlink.netlink.Netlink.NLM_F_APPEND;
import static nftlink.netlink.Netlink.NLM_F_CREATE;
import static nftlink.netlink.Netlink.NLM_F_REPLACE;
import static nftlink.netlink.Netlink.NLM_F_EXCL;
import static nftlink.nftables.NfTables.*;

/**
 * The operations on nftables objects that a {@link nftlink.nfnetlink.Transaction}
 * carries, named like the {@code nft} commands they correspond to. Each is an
 * immutable record that writes its own message.
 */
public sealed interface NftOperation extends BatchOperation {

    /** {@code add table} (keeps an existing table, updating its flags) or, with {@code exclusive}, {@code create table}. */
    record AddTable(Table table, boolean exclusive) implements NftOperation {
        public AddTable {
            Objects.requireNonNull(table, "table");
        }

        @Override public int message() { return NFT_MSG_NEWTABLE; }
        @Override public int flags() { return NLM_F_CREATE | (exclusive ? NLM_F_EXCL : 0); }
        @Override public int family() { return table.family().protocol(); }
        @Override public void writeAttributes(MessageWriter w) { table.writeAttributes(w); }
        @Override public String kind() { return exclusive ? "create table" : "add table"; }
        @Override public String object() { return table.qualifiedName(); }
        @Override public boolean echo() { return true; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.TABLE; }
    }

    /** {@code delete table} or, with {@code ignoreMissing}, {@code destroy table} (kernel 6.3+). */
    record DeleteTable(Family tableFamily, String name, boolean ignoreMissing) implements NftOperation {
        public DeleteTable {
            Objects.requireNonNull(tableFamily, "family");
            Names.check("table", name);
        }

        @Override public int message() { return ignoreMissing ? NFT_MSG_DESTROYTABLE : NFT_MSG_DELTABLE; }
        @Override public int flags() { return 0; }
        @Override public int family() { return tableFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) { w.attrString(NFTA_TABLE_NAME, name); }
        @Override public String kind() { return ignoreMissing ? "destroy table" : "delete table"; }
        @Override public String object() { return tableFamily.nftName() + " " + name; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.TABLE; }
    }

    /**
     * {@code flush ruleset}: deletes every table of {@code rulesetFamily}, or of every
     * family when it is {@code null}.
     */
    record FlushRuleset(Family rulesetFamily) implements NftOperation {
        @Override public int message() { return NFT_MSG_DELTABLE; }
        @Override public int flags() { return 0; }
        @Override public int family() { return rulesetFamily == null ? NFPROTO_UNSPEC : rulesetFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) { }
        @Override public String kind() { return "flush ruleset"; }
        @Override public String object() { return rulesetFamily == null ? "" : rulesetFamily.nftName(); }
    }

    /** {@code add chain} or, with {@code exclusive}, {@code create chain}. */
    record AddChain(Chain chain, boolean exclusive) implements NftOperation {
        public AddChain {
            Objects.requireNonNull(chain, "chain");
        }

        @Override public int message() { return NFT_MSG_NEWCHAIN; }
        @Override public int flags() { return NLM_F_CREATE | (exclusive ? NLM_F_EXCL : 0); }
        @Override public int family() { return chain.family().protocol(); }
        @Override public void writeAttributes(MessageWriter w) { chain.writeAttributes(w); }
        @Override public String kind() { return exclusive ? "create chain" : "add chain"; }
        @Override public String object() { return chain.qualifiedName(); }
        @Override public boolean echo() { return true; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.CHAIN; }
    }

    /** {@code delete chain} or, with {@code ignoreMissing}, {@code destroy chain} (kernel 6.3+). */
    record DeleteChain(Family tableFamily, String table, String name, boolean ignoreMissing) implements NftOperation {
        public DeleteChain {
            Objects.requireNonNull(tableFamily, "family");
            Names.check("table", table);
            Names.check("chain", name);
        }

        @Override public int message() { return ignoreMissing ? NFT_MSG_DESTROYCHAIN : NFT_MSG_DELCHAIN; }
        @Override public int flags() { return 0; }
        @Override public int family() { return tableFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) {
            w.attrString(NFTA_CHAIN_TABLE, table);
            w.attrString(NFTA_CHAIN_NAME, name);
        }
        @Override public String kind() { return ignoreMissing ? "destroy chain" : "delete chain"; }
        @Override public String object() { return tableFamily.nftName() + " " + table + " " + name; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.CHAIN; }
    }

    /**
     * {@code add rule}: appends the rule to its chain, or places it after the rule
     * whose handle is {@link Rule#position()}. The kernel's echo carries the new
     * rule's handle ({@link Rule#decode} of {@code CommitResult.echo(i)}).
     */
    record AddRule(Rule rule) implements NftOperation {
        public AddRule {
            Objects.requireNonNull(rule, "rule");
        }

        @Override public int message() { return NFT_MSG_NEWRULE; }
        @Override public int flags() { return NLM_F_CREATE | NLM_F_APPEND; }
        @Override public int family() { return rule.family().protocol(); }
        @Override public void writeAttributes(MessageWriter w) { rule.withHandle(0).writeAttributes(w); }
        @Override public String kind() { return "add rule"; }
        @Override public String object() { return rule.location(); }
        @Override public boolean echo() { return true; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.RULE; }
    }

    /** {@code insert rule}: prepends the rule, or places it before the rule whose handle is {@link Rule#position()}. */
    record InsertRule(Rule rule) implements NftOperation {
        public InsertRule {
            Objects.requireNonNull(rule, "rule");
        }

        @Override public int message() { return NFT_MSG_NEWRULE; }
        @Override public int flags() { return NLM_F_CREATE; }
        @Override public int family() { return rule.family().protocol(); }
        @Override public void writeAttributes(MessageWriter w) { rule.withHandle(0).writeAttributes(w); }
        @Override public String kind() { return "insert rule"; }
        @Override public String object() { return rule.location(); }
        @Override public boolean echo() { return true; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.RULE; }
    }

    /** {@code replace rule}: replaces the rule with handle {@link Rule#handle()} in place. */
    record ReplaceRule(Rule rule) implements NftOperation {
        public ReplaceRule {
            Objects.requireNonNull(rule, "rule");
            if (rule.handle() == 0) {
                throw new IllegalArgumentException("replace rule needs the handle of the rule to replace");
            }
        }

        @Override public int message() { return NFT_MSG_NEWRULE; }
        @Override public int flags() { return NLM_F_REPLACE; }
        @Override public int family() { return rule.family().protocol(); }
        @Override public void writeAttributes(MessageWriter w) { rule.withPosition(0).writeAttributes(w); }
        @Override public String kind() { return "replace rule"; }
        @Override public String object() { return rule.location() + " handle " + rule.handle(); }
        @Override public boolean echo() { return true; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.RULE; }
    }

    /** {@code delete rule ... handle N}. */
    record DeleteRule(Family tableFamily, String table, String chain, long handle) implements NftOperation {
        public DeleteRule {
            Objects.requireNonNull(tableFamily, "family");
            Names.check("table", table);
            Names.check("chain", chain);
        }

        @Override public int message() { return NFT_MSG_DELRULE; }
        @Override public int flags() { return 0; }
        @Override public int family() { return tableFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) {
            w.attrString(NFTA_RULE_TABLE, table);
            w.attrString(NFTA_RULE_CHAIN, chain);
            w.attrU64Be(NFTA_RULE_HANDLE, handle);
        }
        @Override public String kind() { return "delete rule"; }
        @Override public String object() { return tableFamily.nftName() + " " + table + " " + chain + " handle " + handle; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.RULE; }
    }

    /** {@code flush table}: deletes every rule of every chain in the table. */
    record FlushTable(Family tableFamily, String table) implements NftOperation {
        public FlushTable {
            Objects.requireNonNull(tableFamily, "family");
            Names.check("table", table);
        }

        @Override public int message() { return NFT_MSG_DELRULE; }
        @Override public int flags() { return 0; }
        @Override public int family() { return tableFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) { w.attrString(NFTA_RULE_TABLE, table); }
        @Override public String kind() { return "flush table"; }
        @Override public String object() { return tableFamily.nftName() + " " + table; }
    }

    /** {@code flush chain}: deletes every rule of the chain. */
    record FlushChain(Family tableFamily, String table, String chain) implements NftOperation {
        public FlushChain {
            Objects.requireNonNull(tableFamily, "family");
            Names.check("table", table);
            Names.check("chain", chain);
        }

        @Override public int message() { return NFT_MSG_DELRULE; }
        @Override public int flags() { return 0; }
        @Override public int family() { return tableFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) {
            w.attrString(NFTA_RULE_TABLE, table);
            w.attrString(NFTA_RULE_CHAIN, chain);
        }
        @Override public String kind() { return "flush chain"; }
        @Override public String object() { return tableFamily.nftName() + " " + table + " " + chain; }
    }
}
