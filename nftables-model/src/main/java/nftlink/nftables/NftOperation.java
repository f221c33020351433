package nftlink.nftables;

import nftlink.nfnetlink.Transaction;
import nftlink.nftables.lang.BatchIds;
import nftlink.netlink.AttributeNamer;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.Netlink;
import nftlink.nfnetlink.BatchOperation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import static nftlink.netlink.Netlink.NLM_F_APPEND;
import static nftlink.netlink.Netlink.NLM_F_CREATE;
import static nftlink.netlink.Netlink.NLM_F_REPLACE;
import static nftlink.netlink.Netlink.NLM_F_EXCL;
import static nftlink.nftables.NfTablesUapi.*;

/**
 * The operations on nftables objects that a {@link Transaction}
 * carries, named like the {@code nft} commands they correspond to. Each is an
 * immutable record that writes its own message.
 *
 * <p>Make them with the factories of {@link NftOperations}, named after the
 * commands, which say what the records' flags mean.
 */
public sealed interface NftOperation extends BatchOperation {

    /**
     * {@code add} or, when {@link #exclusive()}, {@code create} of a table, chain, set, object or
     * flowtable: asks for the echo that carries the new object's handle.
     */
    sealed interface Addition extends NftOperation permits AddTable, AddChain, AddSet, AddObject, AddFlowtable {
        /**
         * What it adds.
         *
         * @return the kind of object
         */
        CommandObject commandObject();

        /**
         * Whether the commit fails with {@code EEXIST} when the object exists ({@code create})
         * instead of keeping it ({@code add}).
         *
         * @return whether it is a {@code create}
         */
        boolean exclusive();

        /**
         * The object it adds.
         *
         * @return the object
         */
        RulesetObject added();

        @Override default int message() { return commandObject().newMessage(); }
        @Override default int family() { return added().family().protocol(); }
        @Override default void writeAttributes(MessageWriter w) { added().writeAttributes(w); }
        @Override default String object() { return added().qualifiedName(); }
        @Override default int flags() { return NLM_F_CREATE | (exclusive() ? NLM_F_EXCL : 0); }
        @Override default String kind() { return (exclusive() ? "create " : "add ") + commandObject().word(); }
        @Override default int handleAttribute() { return commandObject().handleAttribute(); }
        @Override default boolean echo() { return true; }
        @Override default AttributeNamer attributeNamer() { return commandObject().attributeNamer(); }
    }

    /**
     * A rule sent in an {@code NFT_MSG_NEWRULE} message: {@code add}, {@code insert} or
     * {@code replace rule}, or a rule of an anonymous chain.
     */
    sealed interface NewRule extends NftOperation permits AddRule, InsertRule, ReplaceRule, AddBoundRule {
        /**
         * The rule it sends.
         *
         * @return the rule
         */
        Rule rule();

        @Override default int message() { return NFT_MSG_NEWRULE; }
        @Override default int family() { return rule().family().protocol(); }
        @Override default void writeAttributes(MessageWriter w) { rule().writeAttributes(w, false, true); }
        @Override default String object() { return rule().location(); }
        @Override default int handleAttribute() { return NFTA_RULE_HANDLE; }
        @Override default AttributeNamer attributeNamer() { return AttributeNames.RULE; }
    }

    /**
     * {@code delete} or, when {@link #ignoreMissing()}, {@code destroy} (kernel 6.3+) of a chain,
     * set, object or flowtable of a table.
     */
    sealed interface Deletion extends NftOperation permits DeleteChain, DeleteSet, DeleteObject, DeleteFlowtable {
        /**
         * What it deletes.
         *
         * @return the kind of object
         */
        CommandObject commandObject();

        /**
         * The family of the table the object belongs to.
         *
         * @return the family
         */
        Family tableFamily();

        /**
         * The name of the table the object belongs to.
         *
         * @return the table's name
         */
        String table();

        /**
         * The object's name.
         *
         * @return the name
         */
        String name();

        /**
         * Whether the commit succeeds when the object does not exist ({@code destroy}) instead of
         * failing with {@code ENOENT} ({@code delete}).
         *
         * @return whether it is a {@code destroy}
         */
        boolean ignoreMissing();

        @Override default int message() { return commandObject().deleteMessage(ignoreMissing()); }
        @Override default int flags() { return 0; }
        @Override default int family() { return tableFamily().protocol(); }
        @Override default void writeAttributes(MessageWriter w) {
            w.attrString(commandObject().tableAttribute(), table());
            w.attrString(commandObject().nameAttribute(), name());
        }
        @Override default String kind() { return (ignoreMissing() ? "destroy " : "delete ") + commandObject().word(); }
        @Override default String object() { return tableFamily().nftName() + " " + table() + " " + name(); }
        @Override default AttributeNamer attributeNamer() { return commandObject().attributeNamer(); }
    }

    /** A change to the elements of a named set: {@code add}, {@code delete element} or {@code flush set}. */
    sealed interface ElementChange extends NftOperation permits AddElements, DeleteElements, FlushSet {
        /**
         * The family of the set's table.
         *
         * @return the family
         */
        Family tableFamily();

        /**
         * The name of the set's table.
         *
         * @return the table's name
         */
        String table();

        /**
         * The set's name.
         *
         * @return the name
         */
        String set();

        @Override default int family() { return tableFamily().protocol(); }
        @Override default String object() { return tableFamily().nftName() + " " + table() + " " + set(); }
        @Override default AttributeNamer attributeNamer() { return AttributeNames.SET_ELEMENTS; }
    }

    /**
     * {@code add table} (keeps an existing table, updating its flags) or, with {@code exclusive}, {@code create table}.
     *
     * @param table the table
     * @param exclusive fail with {@code EEXIST} when it exists ({@code create}) instead of keeping it ({@code add})
     */
    record AddTable(Table table, boolean exclusive) implements Addition {
        /** Checks the components. */
        public AddTable {
            Objects.requireNonNull(table, "table");
        }

        @Override public CommandObject commandObject() { return CommandObject.TABLE; }
        @Override public RulesetObject added() { return table; }
    }

    /**
     * {@code delete table} or, with {@code ignoreMissing}, {@code destroy table} (kernel 6.3+).
     *
     * @param tableFamily the table's family
     * @param name its name
     * @param ignoreMissing succeed when it does not exist ({@code destroy}) instead of failing with {@code ENOENT} ({@code delete})
     */
    record DeleteTable(Family tableFamily, String name, boolean ignoreMissing) implements NftOperation {
        /** Checks the components. */
        public DeleteTable {
            Objects.requireNonNull(tableFamily, "family");
            ObjectNames.check("table", name);
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
     *
     * @param rulesetFamily the family whose tables are deleted, or {@code null} for every family
     */
    record FlushRuleset(Family rulesetFamily) implements NftOperation {
        @Override public int message() { return NFT_MSG_DELTABLE; }
        @Override public int flags() { return 0; }
        @Override public int family() { return rulesetFamily == null ? NFPROTO_UNSPEC : rulesetFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) { }
        @Override public String kind() { return "flush ruleset"; }
        @Override public String object() { return rulesetFamily == null ? "" : rulesetFamily.nftName(); }
    }

    /**
     * {@code add chain} or, with {@code exclusive}, {@code create chain}.
     *
     * @param chain the chain
     * @param exclusive fail with {@code EEXIST} when it exists ({@code create}) instead of keeping it ({@code add})
     */
    record AddChain(Chain chain, boolean exclusive) implements Addition {
        /** Checks the components. */
        public AddChain {
            Objects.requireNonNull(chain, "chain");
        }

        @Override public CommandObject commandObject() { return CommandObject.CHAIN; }
        @Override public RulesetObject added() { return chain; }
    }

    /**
     * An anonymous chain bound to the rule that jumps to it ({@code jump { ... }}): no name (the kernel
     * names it {@code __chainN}), {@code NFT_CHAIN_BINDING}, and an ID the bound rules and the jump refer to
     * within the same transaction.
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param id the chain's ID within the transaction
     */
    record AddBindingChain(Family tableFamily, String table, int id) implements NftOperation {
        /** Checks the components. */
        public AddBindingChain {
            checkTable(tableFamily, table);
            if (id == 0) {
                throw new IllegalArgumentException("chain IDs are not 0");
            }
        }

        @Override public int message() { return NFT_MSG_NEWCHAIN; }
        @Override public int flags() { return NLM_F_CREATE; }
        @Override public int family() { return tableFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) {
            w.attrString(NFTA_CHAIN_TABLE, table);
            w.attrU32Be(NFTA_CHAIN_ID, id);
            w.attrU32Be(NFTA_CHAIN_FLAGS, NFT_CHAIN_BINDING);
        }
        @Override public String kind() { return "add chain"; }
        @Override public String object() { return tableFamily.nftName() + " " + table + " (anonymous chain)"; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.CHAIN; }
    }

    /**
     * A rule of the anonymous chain added with ID {@code chainId} in the same transaction.
     *
     * @param rule the rule
     * @param chainId the ID of the anonymous chain the rule belongs to
     */
    record AddBoundRule(Rule rule, int chainId) implements NewRule {
        /** Checks the components. */
        public AddBoundRule {
            Objects.requireNonNull(rule, "rule");
        }

        @Override public int flags() { return NLM_F_CREATE | NLM_F_APPEND; }
        @Override public void writeAttributes(MessageWriter w) { rule.writeBoundAttributes(w, chainId); }
        @Override public String kind() { return "add rule"; }
        @Override public String object() { return rule.family().nftName() + " " + rule.table() + " (anonymous chain)"; }
        @Override public int handleAttribute() { return 0; }
    }

    /**
     * {@code delete chain} or, with {@code ignoreMissing}, {@code destroy chain} (kernel 6.3+).
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param name its name
     * @param ignoreMissing succeed when it does not exist ({@code destroy}) instead of failing with {@code ENOENT} ({@code delete})
     */
    record DeleteChain(Family tableFamily, String table, String name, boolean ignoreMissing) implements Deletion {
        /** Checks the components. */
        public DeleteChain {
            checkTable(tableFamily, table);
            ObjectNames.check("chain", name);
        }

        @Override public CommandObject commandObject() { return CommandObject.CHAIN; }
    }

    /**
     * {@code add rule}: appends the rule to its chain, or places it after the rule
     * whose handle is {@link Rule#position()}. The kernel's echo carries the new
     * rule's handle ({@link Rule#decode} of {@code CommitResult.echo(i)}).
     *
     * @param rule the rule
     * @param echo whether to ask for the echo that carries the new rule's handle
     */
    record AddRule(Rule rule, boolean echo) implements NewRule {
        /** Checks the components. */
        public AddRule {
            Objects.requireNonNull(rule, "rule");
        }

        /**
         * Adds the rule and asks for the echo that carries its handle.
         *
         * @param rule the rule
         */
        public AddRule(Rule rule) {
            this(rule, true);
        }

        /**
         * This operation without the echo: a batch of many rules whose handles are not needed commits faster.
         *
         * @return this operation without the echo
         */
        public AddRule withoutEcho() {
            return new AddRule(rule, false);
        }

        @Override public int flags() { return NLM_F_CREATE | NLM_F_APPEND; }
        @Override public String kind() { return "add rule"; }
    }

    /**
     * {@code insert rule}: prepends the rule, or places it before the rule whose handle is {@link Rule#position()}.
     *
     * @param rule the rule
     * @param echo whether to ask for the echo that carries the new rule's handle
     */
    record InsertRule(Rule rule, boolean echo) implements NewRule {
        /** Checks the components. */
        public InsertRule {
            Objects.requireNonNull(rule, "rule");
        }

        /**
         * Inserts the rule and asks for the echo that carries its handle.
         *
         * @param rule the rule
         */
        public InsertRule(Rule rule) {
            this(rule, true);
        }

        /**
         * This operation without the echo that carries the new rule's handle.
         *
         * @return this operation without the echo that carries the new rule's handle
         */
        public InsertRule withoutEcho() {
            return new InsertRule(rule, false);
        }

        @Override public int flags() { return NLM_F_CREATE; }
        @Override public String kind() { return "insert rule"; }
    }

    /**
     * {@code replace rule}: replaces the rule with handle {@link Rule#handle()} in place.
     *
     * @param rule the rule
     */
    record ReplaceRule(Rule rule) implements NewRule {
        /** Checks the components. */
        public ReplaceRule {
            Objects.requireNonNull(rule, "rule");
            if (rule.handle() == 0) {
                throw new IllegalArgumentException("replace rule needs the handle of the rule to replace");
            }
        }

        @Override public int flags() { return NLM_F_REPLACE; }
        @Override public void writeAttributes(MessageWriter w) { rule.writeAttributes(w, true, false); }
        @Override public String kind() { return "replace rule"; }
        @Override public String object() { return rule.location() + " handle " + rule.handle(); }
        @Override public boolean echo() { return true; }
    }

    /**
     * {@code delete rule ... handle N}.
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param handle the rule's handle
     */
    record DeleteRule(Family tableFamily, String table, String chain, long handle) implements NftOperation {
        /** Checks the components. */
        public DeleteRule {
            checkTable(tableFamily, table);
            ObjectNames.check("chain", chain);
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

    /**
     * {@code add set} / {@code add map} or, with {@code exclusive}, {@code create set}. The kernel
     * wants an {@code NFTA_SET_ID} for every new set: the parsers and the linearizer number theirs
     * per batch ({@link BatchIds}); a set without one is sent with
     * {@link #UNNUMBERED}, which no batch numbering gives, and is found by its name.
     *
     * @param set the set or map
     * @param exclusive fail with {@code EEXIST} when it exists ({@code create}) instead of keeping it ({@code add})
     */
    record AddSet(NftSet set, boolean exclusive) implements Addition {
        /** The ID of a set added without one; above every ID a {@link BatchIds} gives. */
        public static final int UNNUMBERED = Integer.MAX_VALUE;

        /** Checks the components. */
        public AddSet {
            Objects.requireNonNull(set, "set");
            if (set.id() == 0) {
                set = set.withId(UNNUMBERED);
            }
        }

        @Override public CommandObject commandObject() { return CommandObject.SET; }
        @Override public RulesetObject added() { return set; }
        @Override public String kind() { return (exclusive ? "create " : "add ") + (set.isMap() ? "map" : "set"); }
    }

    /**
     * {@code delete set} or, with {@code ignoreMissing}, {@code destroy set} (kernel 6.3+).
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param name its name
     * @param ignoreMissing succeed when it does not exist ({@code destroy}) instead of failing with {@code ENOENT} ({@code delete})
     */
    record DeleteSet(Family tableFamily, String table, String name, boolean ignoreMissing) implements Deletion {
        /** Checks the components. */
        public DeleteSet {
            checkTable(tableFamily, table);
            ObjectNames.check("set", name);
        }

        @Override public CommandObject commandObject() { return CommandObject.SET; }
    }

    /**
     * {@code add element} (or {@code create element} with {@code exclusive}): one
     * message's worth of elements. Use {@link NftOperation#addElements} to split any
     * number of elements into messages that each fit a netlink attribute.
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param set the set's name
     * @param setId the set's ID when it is added in the same transaction, or 0
     * @param elements the elements
     * @param exclusive fail with {@code EEXIST} when it exists ({@code create}) instead of keeping it ({@code add})
     */
    record AddElements(Family tableFamily, String table, String set, int setId, List<SetElement> elements,
                       boolean exclusive) implements ElementChange {
        /** Checks the components. */
        public AddElements {
            checkSet(tableFamily, table, set);
            elements = List.copyOf(elements);
        }

        @Override public int message() { return NFT_MSG_NEWSETELEM; }
        @Override public int flags() { return NLM_F_CREATE | (exclusive ? NLM_F_EXCL : 0); }
        @Override public void writeAttributes(MessageWriter w) { writeElementList(w, table, set, setId, elements); }
        @Override public String kind() { return exclusive ? "create element" : "add element"; }
        @Override public String object() { return ElementChange.super.object() + " (" + elements.size() + " elements)"; }
    }

    /**
     * {@code delete element}: one message's worth; see {@link NftOperation#deleteElements}.
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param set the set's name
     * @param elements the elements
     */
    record DeleteElements(Family tableFamily, String table, String set, List<SetElement> elements) implements ElementChange {
        /** Checks the components. */
        public DeleteElements {
            checkSet(tableFamily, table, set);
            elements = List.copyOf(elements);
        }

        @Override public int message() { return NFT_MSG_DELSETELEM; }
        @Override public int flags() { return 0; }
        @Override public void writeAttributes(MessageWriter w) { writeElementList(w, table, set, 0, elements); }
        @Override public String kind() { return "delete element"; }
        @Override public String object() { return ElementChange.super.object() + " (" + elements.size() + " elements)"; }
    }

    /**
     * {@code flush set}: removes every element.
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param set the set's name
     */
    record FlushSet(Family tableFamily, String table, String set) implements ElementChange {
        /** Checks the components. */
        public FlushSet {
            checkSet(tableFamily, table, set);
        }

        @Override public int message() { return NFT_MSG_DELSETELEM; }
        @Override public int flags() { return 0; }
        @Override public void writeAttributes(MessageWriter w) { writeSetName(w, table, set); }
        @Override public String kind() { return "flush set"; }
    }

    /** Checks the family and the name of the table an operation works in. */
    private static void checkTable(Family tableFamily, String table) {
        Objects.requireNonNull(tableFamily, "family");
        ObjectNames.check("table", table);
    }

    /** Checks the table and the name of the set whose elements an operation changes. */
    private static void checkSet(Family tableFamily, String table, String set) {
        checkTable(tableFamily, table);
        ObjectNames.check("set", set);
    }

    /** The table and the set whose elements an operation changes. */
    private static void writeSetName(MessageWriter w, String table, String set) {
        w.attrString(NFTA_SET_ELEM_LIST_TABLE, table);
        w.attrString(NFTA_SET_ELEM_LIST_SET, set);
    }

    private static void writeElementList(MessageWriter w, String table, String set, int setId, List<SetElement> elements) {
        writeSetName(w, table, set);
        w.attrU32BeUnlessZero(NFTA_SET_ELEM_LIST_SET_ID, setId);
        int list = w.beginNested(NFTA_SET_ELEM_LIST_ELEMENTS, false);
        for (SetElement e : elements) {
            e.write(w);
        }
        w.endNested(list);
    }

    /** Room for elements in one {@code NFTA_SET_ELEM_LIST_ELEMENTS} attribute. */
    int ELEMENT_LIST_BUDGET = Netlink.NLA_MAX_LENGTH - Netlink.NLA_HDRLEN;

    /**
     * Adds any number of elements: as many {@link AddElements} messages as needed so
     * that each element list fits one netlink attribute (64 KiB). All of them go
     * into the same transaction, so the change stays atomic.
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     * @param elements the elements
     * @return the operations, in order
     */
    static List<NftOperation> addElements(Family family, String table, String set, List<SetElement> elements) {
        return chunk(elements, part -> new AddElements(family, table, set, 0, part, false));
    }

    /**
     * As {@link #addElements}, for deletion.
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     * @param elements the elements
     * @return the operations, in order
     */
    static List<NftOperation> deleteElements(Family family, String table, String set, List<SetElement> elements) {
        return chunk(elements, part -> new DeleteElements(family, table, set, part));
    }

    private static List<NftOperation> chunk(List<SetElement> elements,
                                            Function<List<SetElement>, NftOperation> make) {
        List<NftOperation> ops = new ArrayList<>();
        MessageWriter scratch = new MessageWriter(512);
        int start = 0;
        int used = 0;
        for (int i = 0; i < elements.size(); i++) {
            scratch.reset();
            elements.get(i).write(scratch);
            int size = scratch.position();
            if (size > ELEMENT_LIST_BUDGET) {
                throw new IllegalArgumentException("set element " + i + " alone is " + size + " bytes; too large for netlink");
            }
            if (used + size > ELEMENT_LIST_BUDGET) {
                ops.add(make.apply(elements.subList(start, i)));
                start = i;
                used = 0;
            }
            used += size;
        }
        if (start < elements.size() || elements.isEmpty()) {
            ops.add(make.apply(elements.subList(start, elements.size())));
        }
        return ops;
    }

    /**
     * {@code add counter|quota|limit|ct helper|...} (updates an existing object of the same
     * type where the kernel allows it) or, with {@code exclusive}, {@code create ...}.
     *
     * @param nftObject the object
     * @param exclusive fail with {@code EEXIST} when it exists ({@code create}) instead of keeping it ({@code add})
     */
    record AddObject(NftObject nftObject, boolean exclusive) implements Addition {
        /** Checks the components. */
        public AddObject {
            Objects.requireNonNull(nftObject, "object");
        }

        @Override public CommandObject commandObject() { return CommandObject.OBJECT; }
        @Override public RulesetObject added() { return nftObject; }
        @Override public String object() { return nftObject.qualifiedName() + " (type " + nftObject.type() + ")"; }
    }

    /**
     * {@code delete counter|quota|...} by name, or by handle when {@code name} is {@code null};
     * with {@code ignoreMissing}, {@code destroy ...} (kernel 6.3+).
     *
     * @param objectType the {@code NFT_OBJECT_*} type (the kernel looks objects up by name and type)
     * @param tableFamily the table's family
     * @param table the table's name
     * @param name its name, or {@code null} to delete it by handle
     * @param handle its handle, when {@code name} is {@code null}
     * @param ignoreMissing succeed when it does not exist ({@code destroy}) instead of failing with {@code ENOENT} ({@code delete})
     */
    record DeleteObject(Family tableFamily, String table, int objectType, String name, long handle,
                        boolean ignoreMissing) implements Deletion {
        /** Checks the components. */
        public DeleteObject {
            checkTable(tableFamily, table);
            if (name != null) {
                ObjectNames.check("object", name);
            } else if (handle == 0) {
                throw new IllegalArgumentException("delete object needs a name or a handle");
            }
        }

        /**
         * Deletes the object named {@code name}.
         *
         * @param tableFamily the table's family
         * @param table the table's name
         * @param objectType the {@code NFT_OBJECT_*} type
         * @param name the name
         */
        public DeleteObject(Family tableFamily, String table, int objectType, String name) {
            this(tableFamily, table, objectType, name, 0, false);
        }

        @Override public CommandObject commandObject() { return CommandObject.OBJECT; }
        @Override public void writeAttributes(MessageWriter w) {
            w.attrString(NFTA_OBJ_TABLE, table);
            if (name != null) {
                w.attrString(NFTA_OBJ_NAME, name);
            } else {
                w.attrU64Be(NFTA_OBJ_HANDLE, handle);
            }
            w.attrU32Be(NFTA_OBJ_TYPE, objectType);
        }
        @Override public String object() {
            return tableFamily.nftName() + " " + table + " " + (name != null ? name : "handle " + Long.toUnsignedString(handle));
        }
    }

    /**
     * {@code add flowtable} or, with {@code exclusive}, {@code create flowtable}.
     *
     * @param flowtable the flowtable
     * @param exclusive fail with {@code EEXIST} when it exists ({@code create}) instead of keeping it ({@code add})
     */
    record AddFlowtable(Flowtable flowtable, boolean exclusive) implements Addition {
        /** Checks the components. */
        public AddFlowtable {
            Objects.requireNonNull(flowtable, "flowtable");
        }

        @Override public CommandObject commandObject() { return CommandObject.FLOWTABLE; }
        @Override public RulesetObject added() { return flowtable; }
    }

    /**
     * {@code delete flowtable} or, with {@code ignoreMissing}, {@code destroy flowtable} (kernel 6.3+).
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param name its name
     * @param ignoreMissing succeed when it does not exist ({@code destroy}) instead of failing with {@code ENOENT} ({@code delete})
     */
    record DeleteFlowtable(Family tableFamily, String table, String name, boolean ignoreMissing) implements Deletion {
        /** Checks the components. */
        public DeleteFlowtable {
            checkTable(tableFamily, table);
            ObjectNames.check("flowtable", name);
        }

        @Override public CommandObject commandObject() { return CommandObject.FLOWTABLE; }
    }

    /**
     * {@code flush table}: deletes every rule of every chain in the table.
     *
     * @param tableFamily the table's family
     * @param table the table's name
     */
    record FlushTable(Family tableFamily, String table) implements NftOperation {
        /** Checks the components. */
        public FlushTable {
            checkTable(tableFamily, table);
        }

        @Override public int message() { return NFT_MSG_DELRULE; }
        @Override public int flags() { return 0; }
        @Override public int family() { return tableFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) { w.attrString(NFTA_RULE_TABLE, table); }
        @Override public String kind() { return "flush table"; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.RULE; }
        @Override public String object() { return tableFamily.nftName() + " " + table; }
    }

    /**
     * {@code flush chain}: deletes every rule of the chain.
     *
     * @param tableFamily the table's family
     * @param table the table's name
     * @param chain the chain's name
     */
    record FlushChain(Family tableFamily, String table, String chain) implements NftOperation {
        /** Checks the components. */
        public FlushChain {
            checkTable(tableFamily, table);
            ObjectNames.check("chain", chain);
        }

        @Override public int message() { return NFT_MSG_DELRULE; }
        @Override public int flags() { return 0; }
        @Override public int family() { return tableFamily.protocol(); }
        @Override public void writeAttributes(MessageWriter w) {
            w.attrString(NFTA_RULE_TABLE, table);
            w.attrString(NFTA_RULE_CHAIN, chain);
        }
        @Override public String kind() { return "flush chain"; }
        @Override public AttributeNamer attributeNamer() { return AttributeNames.RULE; }
        @Override public String object() { return tableFamily.nftName() + " " + table + " " + chain; }
    }
}
