package nftlink.nftables;

import nftlink.netlink.Attribute;
import nftlink.netlink.AttributeNamer;
import nftlink.netlink.DumpCollector;
import nftlink.netlink.DumpInterruptedException;
import nftlink.netlink.Errno;
import nftlink.netlink.InterfaceNames;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkConnection;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkException;
import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetlinkMessage;
import nftlink.netlink.NetlinkProtocol;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.CommitResult;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nfnetlink.Transaction;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.parse.AppliedScript;
import nftlink.nftables.parse.CgroupPaths;
import nftlink.nftables.parse.NftParser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

import static nftlink.netlink.Netlink.NLM_F_ACK;
import static nftlink.netlink.Netlink.NLM_F_DUMP;
import static nftlink.netlink.Netlink.NLM_F_REQUEST;
import static nftlink.nfnetlink.Nfnetlink.NFGENMSG_LEN;
import static nftlink.nfnetlink.Nfnetlink.NFNL_SUBSYS_NFTABLES;
import static nftlink.nftables.NfTablesUapi.*;

/**
 * A connection to nf_tables in one network namespace: list the rule set, read the
 * generation, and change things in {@link Transaction}s.
 *
 * <pre>{@code
 * try (Nftables nft = Nftables.open(NetworkNamespace.named("blue"))) {
 *     nft.transaction()
 *        .add(NftOperations.addTable(Table.of(Family.INET, "filter")))
 *        .add(NftOperations.addChain(Chain.base(Family.INET, "filter", "input",
 *                BaseChain.of(ChainType.FILTER, Hook.INPUT, 0, ChainPolicy.ACCEPT))))
 *        .commit();
 *     long ssh = nft.apply("add rule inet filter input tcp dport 22 accept").handle(1).orElseThrow();
 *     System.out.print(nft.listRulesetText());
 * }
 * }</pre>
 *
 * <p>Safe for use by any number of threads: requests on one instance are
 * serialized on its connection (see {@link NetlinkConnection}), so concurrent
 * commits, listings, {@link #generation()} reads and dumps each get their own,
 * complete answer. {@link NftMonitor} is separate and has one consumer.
 * {@link #close()} waits for a request under way in another thread.
 */
public final class Nftables implements AutoCloseable {

    private final NetlinkConnection connection;
    private final NetworkNamespace namespace;

    private Nftables(NetlinkConnection connection, NetworkNamespace namespace) {
        this.connection = connection;
        this.namespace = namespace;
    }

    /**
     * Connects in the caller's network namespace.
     *
     * @return the client
     */
    public static Nftables open() {
        return open(NetworkNamespace.current());
    }

    /**
     * Connects inside {@code namespace}.
     *
     * @param namespace the network namespace
     * @return the client
     */
    public static Nftables open(NetworkNamespace namespace) {
        return new Nftables(NetlinkConnection.open(NetlinkProtocol.NETFILTER, namespace), namespace);
    }

    /**
     * Wraps an existing {@code NETLINK_NETFILTER} connection.
     *
     * @param connection a {@code NETLINK_NETFILTER} connection
     * @return the client
     */
    public static Nftables wrap(NetlinkConnection connection) {
        return new Nftables(Objects.requireNonNull(connection, "connection"), null);
    }

    /**
     * The namespace this connection was opened in ({@link #open(NetworkNamespace)}); empty for
     * {@link #wrap wrapped} connections. Parsers resolve interface names there.
     *
     * @return the namespace, or empty for a wrapped connection
     */
    public Optional<NetworkNamespace> namespace() {
        return Optional.ofNullable(namespace);
    }

    /**
     * The underlying netlink connection.
     *
     * @return the underlying netlink connection
     */
    public NetlinkConnection connection() {
        return connection;
    }

    /**
     * A new, empty transaction on this connection.
     *
     * @return this transaction
     */
    public NftTransaction transaction() {
        return new NftTransaction(connection);
    }

    /**
     * Commits {@code operations} as one transaction.
     *
     * @param operations the operations, in order
     * @return what the kernel echoed
     * @throws nftlink.nfnetlink.TransactionException when the kernel rejected any operation
     */
    public NftCommitResult commit(NftOperation... operations) {
        NftTransaction t = transaction();
        for (NftOperation op : operations) {
            t.add(op);
        }
        return t.commit();
    }

    /**
     * Parses {@code nftText} as {@code nft -f} does (sets it adds elements to are looked up in the
     * kernel: {@link NftParser#forKernel}) and commits it as one transaction.
     *
     * @return each command of the text with the handle of what it created
     * @param nftText nft text, as {@code nft -f} reads it
     * @throws nftlink.nftables.parse.NftParseException when the text is not valid; nothing was sent
     * @throws nftlink.nfnetlink.TransactionException   when the kernel refused a command; nothing was applied
     */
    public AppliedScript apply(String nftText) {
        return NftParser.forKernel(this).parse(nftText, "<string>").applyTo(this);
    }

    /**
     * {@link #apply(String)} for a file, as {@code nft -f FILE}: errors name the file and
     * includes resolve against its directory.
     *
     * @param nftFile the file
     * @return each command with the handle of what it created
     * @throws IOException when the file cannot be read
     */
    public AppliedScript apply(Path nftFile) throws IOException {
        return NftParser.forKernel(this).parseFile(nftFile).applyTo(this);
    }

    /**
     * The rule set's generation ID ({@code NFT_MSG_GETGEN}); pass it to
     * {@link Transaction#expectGeneration} to refuse a commit on a stale view.
     *
     * @return the generation ID
     */
    public int generation() {
        int[] generation = {0};
        boolean[] seen = {false};
        connection.execute((w, seq) -> {
                    int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, NFT_MSG_GETGEN),
                            NLM_F_REQUEST | NLM_F_ACK, seq, NFPROTO_UNSPEC, 0);
                    w.endMessage(m);
                }, "get generation", NFGENMSG_LEN, null,
                m -> {
                    if (Nfnetlink.messageOf(m.type()) == NFT_MSG_NEWGEN) {
                        Attribute id = m.attributes(NFGENMSG_LEN).require(NFTA_GEN_ID, "NFTA_GEN_ID");
                        generation[0] = id.u32Be();
                        seen[0] = true;
                    }
                });
        if (!seen[0]) {
            throw new NetlinkDecodeException("get generation: no NFT_MSG_NEWGEN reply");
        }
        return generation[0];
    }

    /**
     * The functions registered at one netfilter hook of this namespace, in the kernel's order (by priority):
     * base chains, conntrack, iptables' tables, BPF programs. Needs a kernel with {@code nfnetlink_hook}
     * ({@code CONFIG_NETFILTER_NETLINK_HOOK}); without it the kernel answers {@code EINVAL}.
     *
     * @param protocol   the {@code NFPROTO_*} family ({@code NFPROTO_IPV4}, {@code NFPROTO_NETDEV}, ...)
     * @param hookNumber the hook's number in that family
     * @param device     for netdev hooks, the device; else {@code null}
     * @return the hook functions
     * @throws NetlinkKernelException when the kernel refuses the dump (no such device, no hook subsystem)
     */
    public List<NetfilterHook> listHooks(int protocol, int hookNumber, String device) {
        return connection.dump((w, seq) -> {
            int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(Nfnetlink.NFNL_SUBSYS_HOOK, NetfilterHook.NFNL_MSG_HOOK_GET),
                    NLM_F_REQUEST | NLM_F_DUMP, seq, protocol, 0);
            if (device != null) {
                w.attrString(NetfilterHook.NFNLA_HOOK_DEV, device);
            }
            w.attrU32Be(NetfilterHook.NFNLA_HOOK_HOOKNUM, hookNumber);
            w.endMessage(m);
        }, () -> new DumpCollector<List<NetfilterHook>>() {
            private final List<NetfilterHook> hooks = new ArrayList<>();

            @Override
            public void accept(NetlinkMessage m) {
                hooks.add(NetfilterHook.decode(m, device));
            }

            @Override
            public List<NetfilterHook> result() {
                return hooks;
            }
        }, "list hooks", NFGENMSG_LEN, null);
    }

    /**
     * Every table of every family.
     *
     * @return every table of every family
     */
    public List<Table> listTables() {
        return dump(NFT_MSG_GETTABLE, null, "list tables", Table::decode, null);
    }

    /**
     * The tables of {@code family}.
     *
     * @param family the table's family
     * @return the tables of {@code family}
     */
    public List<Table> listTables(Family family) {
        return dump(NFT_MSG_GETTABLE, family, "list tables " + family, Table::decode, null);
    }

    /**
     * Every chain of every table.
     *
     * @return every chain of every table
     */
    public List<Chain> listChains() {
        return dump(NFT_MSG_GETCHAIN, null, "list chains", Chain::decode, null);
    }

    /**
     * The chains of one table.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the chains of one table
     */
    public List<Chain> listChains(Family family, String table) {
        // the kernel filters chain dumps by family only, so the table is filtered here
        return dump(NFT_MSG_GETCHAIN, family, "list chains " + family + " " + table, Chain::decode, null).stream()
                .filter(c -> c.table().equals(table))
                .toList();
    }

    /**
     * Every set and map of every table.
     *
     * @return every set and map of every table
     */
    public List<NftSet> listSets() {
        return dump(NFT_MSG_GETSET, null, "list sets", NftSet::decode, null);
    }

    /**
     * The sets and maps of one table.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the sets and maps of one table
     */
    public List<NftSet> listSets(Family family, String table) {
        return dump(NFT_MSG_GETSET, family, "list sets " + family + " " + table, NftSet::decode,
                w -> w.attrString(NFTA_SET_TABLE, table));
    }

    /**
     * The elements of a set, in the order the kernel lists them, each once.
     * Right after mass additions or deletions the kernel resizes a hash set's table
     * in the background; a listing taken meanwhile can miss elements (as {@code nft
     * list set} does), while the set itself is already as committed.
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     * @return the elements of a set, in the order the kernel lists them, each once
     * @throws NetlinkKernelException with {@link Errno#ENOENT} when there is no such table or set
     */
    public List<SetElement> listElements(Family family, String table, String set) {
        List<List<SetElement>> parts = dump(NFT_MSG_GETSETELEM, family, "list elements " + family + " " + table + " " + set,
                Nftables::elementsOf, w -> {
                    w.attrString(NFTA_SET_ELEM_LIST_TABLE, table);
                    w.attrString(NFTA_SET_ELEM_LIST_SET, set);
                });
        // a hash set's dump walks an rhashtable, which repeats entries when the table resizes
        // under the walk (as it does after mass deletions): keep each element once
        Set<List<Object>> seen = new HashSet<>();
        return parts.stream().flatMap(List::stream)
                .filter(e -> seen.add(Arrays.asList(e.key(), e.keyEnd(), e.flags())))
                .toList();
    }

    /** The elements an {@code NFT_MSG_NEWSETELEM} message carries. */
    static List<SetElement> elementsOf(NetlinkMessage m) {
        List<SetElement> elements = new ArrayList<>();
        for (Attribute a : m.attributes(NFGENMSG_LEN)) {
            if (a.type() == NFTA_SET_ELEM_LIST_ELEMENTS) {
                for (Attribute e : a.nested()) {
                    elements.add(SetElement.decode(e));
                }
            }
        }
        return elements;
    }

    /**
     * Every rule of every chain.
     *
     * @return every rule of every chain
     */
    public List<Rule> listRules() {
        return dump(NFT_MSG_GETRULE, null, "list rules", Rule::decode, null);
    }

    /**
     * The rules of one chain, in order.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @return the rules of one chain, in order
     * @throws NetlinkKernelException with {@link Errno#ENOENT} when there is no such table or chain
     */
    public List<Rule> listRules(Family family, String table, String chain) {
        String operation = "list rules " + family + " " + table + " " + chain;
        List<Rule> rules = dump(NFT_MSG_GETRULE, family, operation, Rule::decode, w -> {
            w.attrString(NFTA_RULE_TABLE, table);
            w.attrString(NFTA_RULE_CHAIN, chain);
        });
        if (rules.isEmpty()) {
            // the kernel's rule dump filters by chain without looking it up: an empty chain and a missing
            // one both list nothing, so only then is the chain asked for (ENOENT when it is missing)
            connection.execute((w, seq) -> {
                int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, NFT_MSG_GETCHAIN),
                        NLM_F_REQUEST | NLM_F_ACK, seq, family.protocol(), 0);
                w.attrString(NFTA_CHAIN_TABLE, table);
                w.attrString(NFTA_CHAIN_NAME, chain);
                w.endMessage(m);
            }, operation, NFGENMSG_LEN, AttributeNames.CHAIN, m -> { });
        }
        return rules;
    }

    /**
     * Every stateful object of every table, in the order the kernel lists them.
     *
     * @return every stateful object of every table, in the order the kernel lists them
     */
    public List<NftObject> listObjects() {
        return dump(NFT_MSG_GETOBJ, null, "list objects", NftObject::decode, null);
    }

    /**
     * The stateful objects of one table.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the stateful objects of one table
     */
    public List<NftObject> listObjects(Family family, String table) {
        return dump(NFT_MSG_GETOBJ, family, "list objects " + family + " " + table, NftObject::decode,
                w -> w.attrString(NFTA_OBJ_TABLE, table));
    }

    /**
     * The objects of one {@code NFT_OBJECT_*} type in one table ({@code list counters table ...}).
     *
     * @param family the table's family
     * @param table the table's name
     * @param objectType the {@code NFT_OBJECT_*} type
     * @return the objects of one {@code NFT_OBJECT_*} type in one table
     */
    public List<NftObject> listObjects(Family family, String table, int objectType) {
        return dump(NFT_MSG_GETOBJ, family, "list objects " + family + " " + table + " type " + objectType,
                NftObject::decode, w -> {
                    w.attrString(NFTA_OBJ_TABLE, table);
                    w.attrU32Be(NFTA_OBJ_TYPE, objectType);
                });
    }

    /**
     * {@code reset counters} and {@code reset quotas} for every table
     * ({@code NFT_MSG_GETOBJ_RESET}): lists every object with its values and zeroes
     * the counters and the quotas' consumption in the same step.
     *
     * <p>Unlike a listing, a reset dump is never repeated (a second pass would return
     * the zeroed values): when a concurrent change interrupts it, the objects it
     * returned are kept, each once, with the values they had when they were reset.
     *
     * @return every object with the values it had before they were zeroed
     */
    public List<NftObject> resetObjects() {
        return resetDump(null, "reset objects", null);
    }

    /**
     * {@link #resetObjects()} for the objects of one table.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the objects
     */
    public List<NftObject> resetObjects(Family family, String table) {
        return resetDump(family, "reset objects " + family + " " + table, w -> w.attrString(NFTA_OBJ_TABLE, table));
    }

    /**
     * {@link #resetObjects()} for the objects of one {@code NFT_OBJECT_*} type in one table ({@code reset counters table ...}).
     *
     * @param family the table's family
     * @param table the table's name
     * @param objectType the {@code NFT_OBJECT_*} type
     * @return the objects
     */
    public List<NftObject> resetObjects(Family family, String table, int objectType) {
        return resetDump(family, "reset objects " + family + " " + table + " type " + objectType, w -> {
            w.attrString(NFTA_OBJ_TABLE, table);
            w.attrU32Be(NFTA_OBJ_TYPE, objectType);
        });
    }

    private List<NftObject> resetDump(Family family, String operation, Consumer<MessageWriter> attributes) {
        return new ResetDumps(connection).dump(NFT_MSG_GETOBJ_RESET, family, operation, AttributeNames.OBJECT, attributes,
                m -> List.of(NftObject.decode(m)), o -> o.family() + " " + o.table() + " " + o.type() + " " + o.name());
    }

    /**
     * {@code reset rules}: the rules (all, a family's, a table's or a chain's) with the values their counters and
     * quotas had when {@code NFT_MSG_GETRULE_RESET} zeroed them; sent once, never repeated.
     *
     * @param family the family, or {@code null} for every family
     * @param table the table, or {@code null} for every table (of the family)
     * @param chain the chain, or {@code null} for every chain (of the table)
     * @return the rules as they were read
     */
    public List<Rule> resetRules(Family family, String table, String chain) {
        return new ResetDumps(connection).dump(NFT_MSG_GETRULE_RESET, family, "reset rules", AttributeNames.RULE, w -> {
            if (table != null) {
                w.attrString(NFTA_RULE_TABLE, table);
            }
            if (chain != null) {
                w.attrString(NFTA_RULE_CHAIN, chain);
            }
        }, m -> List.of(Rule.decode(m)), r -> r.family() + " " + r.table() + " " + r.chain() + " " + r.handle());
    }

    /**
     * {@code reset rule FAMILY TABLE CHAIN handle HANDLE}: one rule, read and zeroed.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param handle the rule's handle
     * @return the rule as it was read
     * @throws NetlinkKernelException with {@link Errno#ENOENT} when there is no such table, chain or rule
     */
    public Rule resetRule(Family family, String table, String chain, long handle) {
        return new ResetDumps(connection).get(NFT_MSG_GETRULE_RESET, family, "reset rule", AttributeNames.RULE, w -> {
            w.attrString(NFTA_RULE_TABLE, table);
            w.attrString(NFTA_RULE_CHAIN, chain);
            w.attrU64Be(NFTA_RULE_HANDLE, handle);
        }, m -> List.of(Rule.decode(m))).getFirst();
    }

    /**
     * {@code reset set|map}: a set's elements with the values their counters and quotas had when
     * {@code NFT_MSG_GETSETELEM_RESET} zeroed them; sent once, never repeated.
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     * @return the elements as they were read
     * @throws NetlinkKernelException with {@link Errno#ENOENT} when there is no such table or set
     */
    public List<SetElement> resetElements(Family family, String table, String set) {
        return new ResetDumps(connection).dump(NFT_MSG_GETSETELEM_RESET, family, "reset elements", AttributeNames.SET_ELEMENTS,
                w -> {
                    w.attrString(NFTA_SET_ELEM_LIST_TABLE, table);
                    w.attrString(NFTA_SET_ELEM_LIST_SET, set);
                }, Nftables::elementsOf, e -> Arrays.asList(e.key(), e.keyEnd(), e.flags()));
    }

    /**
     * {@code get element} (or, with {@code reset}, {@code reset element}): the set's elements that hold the
     * given keys ({@code NFT_MSG_GETSETELEM} naming them), as the kernel finds them; an interval set answers
     * with the intervals that contain them.
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     * @param keys the elements to look up: keys, and for intervals their {@link SetElement#keyEnd()}
     * @param reset whether to zero their counters and quotas as they are read ({@code NFT_MSG_GETSETELEM_RESET})
     * @return what the kernel answered, in its order
     * @throws NetlinkKernelException with {@link Errno#ENOENT} when there is no such table or set, or an element is missing
     */
    public List<SetElement> getElements(Family family, String table, String set, List<SetElement> keys, boolean reset) {
        return new ResetDumps(connection).get(reset ? NFT_MSG_GETSETELEM_RESET : NFT_MSG_GETSETELEM, family,
                (reset ? "reset" : "get") + " element " + family + " " + table + " " + set, AttributeNames.SET_ELEMENTS, w -> {
                    w.attrString(NFTA_SET_ELEM_LIST_TABLE, table);
                    w.attrString(NFTA_SET_ELEM_LIST_SET, set);
                    int list = w.beginNested(NFTA_SET_ELEM_LIST_ELEMENTS, false);
                    keys.forEach(e -> e.write(w));
                    w.endNested(list);
                }, Nftables::elementsOf);
    }

    /**
     * {@code reset counter|quota FAMILY TABLE NAME}: one object's values, zeroed in the kernel as they are read.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @param objectType the {@code NFT_OBJECT_*} type
     * @return the object with the values it had before they were zeroed
     * @throws NetlinkKernelException when there is no such object ({@code ENOENT})
     */
    public NftObject resetObject(Family family, String table, String name, int objectType) {
        List<NftObject> result = new ArrayList<>(1);
        connection.execute((w, seq) -> {
                    int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, NFT_MSG_GETOBJ_RESET),
                            NLM_F_REQUEST | NLM_F_ACK, seq, family.protocol(), 0);
                    w.attrString(NFTA_OBJ_TABLE, table);
                    w.attrString(NFTA_OBJ_NAME, name);
                    w.attrU32Be(NFTA_OBJ_TYPE, objectType);
                    w.endMessage(m);
                }, "reset object " + family + " " + table + " " + name, NFGENMSG_LEN, AttributeNames.OBJECT,
                m -> {
                    if (Nfnetlink.messageOf(m.type()) == NFT_MSG_NEWOBJ) {
                        result.add(NftObject.decode(m));
                    }
                });
        if (result.size() != 1) {
            throw new NetlinkDecodeException("reset object: expected one NFT_MSG_NEWOBJ reply, got " + result.size());
        }
        return result.getFirst();
    }

    /**
     * Every flowtable of every table.
     *
     * @return every flowtable of every table
     */
    public List<Flowtable> listFlowtables() {
        return dump(NFT_MSG_GETFLOWTABLE, null, "list flowtables", Flowtable::decode, null);
    }

    /**
     * The flowtables of one table.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the flowtables of one table
     */
    public List<Flowtable> listFlowtables(Family family, String table) {
        return dump(NFT_MSG_GETFLOWTABLE, family, "list flowtables " + family + " " + table, Flowtable::decode,
                w -> w.attrString(NFTA_FLOWTABLE_TABLE, table));
    }

    /**
     * Everything: tables, chains, sets and maps with their elements, rules, stateful objects and
     * flowtables, read at one generation (a concurrent change between the dumps is detected
     * through the generation and the listing retried). {@link #listRulesetText()} prints it as nft.
     *
     * @return the whole rule set
     * @throws DumpInterruptedException when the rule set kept changing over ten attempts
     */
    public Ruleset listRuleset() {
        return listRuleset(null);
    }

    /**
     * Everything, as {@link #listRuleset()}, the sets' elements and the chains' rules (a dump per set
     * and per chain) dumped on the calling thread and at once on as many tasks on {@code executor} as
     * there are other processors, each on a connection of its own in this client's namespace (a
     * {@link #wrap wrapped} connection's namespace is not known: then the calling thread dumps them
     * all). The result is the same.
     *
     * @param executor where the other dumps run; {@code null}: on the calling thread alone
     * @return the whole rule set
     * @throws DumpInterruptedException when the rule set kept changing over ten attempts
     */
    public Ruleset listRuleset(Executor executor) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int before = generation();
            List<Table> tables = listTables();
            List<Chain> chains = listChains();
            List<NftSet> sets = listSets();
            List<Function<Nftables, List<?>>> dumps = new ArrayList<>();
            for (NftSet s : sets) {
                dumps.add(on -> on.elementsOrNull(s));
            }
            for (Chain c : chains) {
                dumps.add(on -> on.rulesOf(c));
            }
            List<List<?>> listed = ParallelDumps.run(this, dumps, executor);
            Map<String, List<SetElement>> elements = new HashMap<>();
            for (int i = 0; i < sets.size(); i++) {
                elements.put(Ruleset.setKey(sets.get(i)), castList(listed.get(i)));
            }
            if (elements.containsValue(null)) {
                continue;
            }
            List<Rule> rules = new ArrayList<>();
            for (List<?> chainRules : listed.subList(sets.size(), listed.size())) {
                rules.addAll(castList(chainRules));
            }
            List<NftObject> objects = listObjects();
            List<Flowtable> flowtables = listFlowtables();
            if (generation() == before) {
                return new Ruleset(tables, chains, sets, elements, rules, objects, flowtables);
            }
        }
        throw new DumpInterruptedException("list ruleset: the rule set kept changing while it was read");
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> castList(List<?> list) {
        return (List<T>) list;
    }

    /**
     * The rules of one chain, without asking whether the chain exists: a chain deleted meanwhile lists
     * nothing, which the generation check of {@link #listRuleset()} notices. A dump per chain: the
     * kernel resumes a rule dump by walking past every rule it listed before, in every chain before
     * it, so one dump of 50,000 rules costs it about three times the system time of a dump per chain.
     */
    private List<Rule> rulesOf(Chain c) {
        return dump(NFT_MSG_GETRULE, c.family(), "list rules", Rule::decode, w -> {
            w.attrString(NFTA_RULE_TABLE, c.table());
            w.attrString(NFTA_RULE_CHAIN, c.name());
        });
    }

    /** The elements of {@code set}, or {@code null} when it was deleted meanwhile. */
    private List<SetElement> elementsOrNull(NftSet set) {
        try {
            return listElements(set.family(), set.table(), set.name());
        } catch (NetlinkKernelException e) {
            if (e.errno() == Errno.ENOENT) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Tables and chains only, read at one generation: cheaper than {@link #listRuleset()}
     * when rules and sets are not needed.
     *
     * @return tables and chains only, read at one generation
     * @throws DumpInterruptedException when the rule set kept changing over ten attempts
     */
    public Ruleset listTablesAndChains() {
        for (int attempt = 0; attempt < 10; attempt++) {
            int before = generation();
            List<Table> tables = listTables();
            List<Chain> chains = listChains();
            if (generation() == before) {
                return new Ruleset(tables, chains);
            }
        }
        throw new DumpInterruptedException("list tables and chains: the rule set kept changing while it was read");
    }

    /**
     * The whole rule set as {@code nft list ruleset} (and {@code nftlink list ruleset}) prints it:
     * rules in the rule language, interface names as the connection's namespace names them,
     * cgroup IDs as paths under the mounted cgroup-v2 hierarchy.
     *
     * @return the whole rule set as {@code nft list ruleset} (and {@code nftlink list ruleset}) prints it
     */
    public String listRulesetText() {
        RuleRenderer renderer = new RuleRenderer(CgroupPaths.mounted()).withInterfaceNames(interfaceNames());
        return RulesetListing.of(listRuleset()).render(NftFormatter.DEFAULT, renderer);
    }

    IntFunction<String> interfaceNames() {
        try {
            InterfaceNames names = InterfaceNames.read(namespace == null ? NetworkNamespace.current() : namespace);
            return index -> names.name(index).orElse(null);
        } catch (NetlinkException e) {
            // listed by index then, as nft does for an interface it cannot name
            return index -> null;
        }
    }

    /** Names the attributes of a {@code message} request in errors ({@code NFTA_SET_ELEM_LIST_SET}, not a number). */
    private static AttributeNamer namer(int message) {
        return switch (message) {
            case NFT_MSG_GETTABLE -> AttributeNames.TABLE;
            case NFT_MSG_GETCHAIN -> AttributeNames.CHAIN;
            case NFT_MSG_GETRULE -> AttributeNames.RULE;
            case NFT_MSG_GETSET -> AttributeNames.SET;
            case NFT_MSG_GETSETELEM -> AttributeNames.SET_ELEMENTS;
            case NFT_MSG_GETOBJ, NFT_MSG_GETOBJ_RESET -> AttributeNames.OBJECT;
            case NFT_MSG_GETFLOWTABLE -> AttributeNames.FLOWTABLE;
            default -> null;
        };
    }

    private <T> List<T> dump(int message, Family family, String operation, Function<NetlinkMessage, T> decoder,
                             Consumer<MessageWriter> attributes) {
        return connection.dump((w, seq) -> {
            int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(NFNL_SUBSYS_NFTABLES, message),
                    NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK, seq, family == null ? NFPROTO_UNSPEC : family.protocol(), 0);
            if (attributes != null) {
                attributes.accept(w);
            }
            w.endMessage(m);
        }, () -> new DumpCollector<List<T>>() {
            private final List<T> items = new ArrayList<>();

            @Override
            public void accept(NetlinkMessage m) {
                items.add(decoder.apply(m));
            }

            @Override
            public List<T> result() {
                return items;
            }
        }, operation, NFGENMSG_LEN, namer(message));
    }

    @Override
    public void close() {
        connection.close();
    }
}
