package nftlink.nftables;

/**
 * The {@link NftOperation}s, made by names of the {@code nft} commands they stand for,
 * which say what the records' flags mean: {@code add} keeps what exists, {@code create}
 * fails with {@code EEXIST}; {@code delete} fails with {@code ENOENT} on what is missing,
 * {@code destroy} does not.
 *
 * <pre>{@code
 * nft.commit(NftOperations.addTable(Table.of(Family.INET, "app")),
 *            NftOperations.createChain(Chain.regular(Family.INET, "app", "allow")),
 *            NftOperations.destroyChain(Family.INET, "app", "old"));
 * }</pre>
 */
public final class NftOperations {

    private NftOperations() {
    }

    /**
     * {@code add table}: creates the table, or keeps an existing one (updating its flags).
     *
     * @param table the table
     * @return the operation
     */
    public static NftOperation.AddTable addTable(Table table) {
        return new NftOperation.AddTable(table, false);
    }

    /**
     * {@code create table}: creates the table; the commit fails with {@code EEXIST} when it exists.
     *
     * @param table the table
     * @return the operation
     */
    public static NftOperation.AddTable createTable(Table table) {
        return new NftOperation.AddTable(table, true);
    }

    /**
     * {@code delete table}: the commit fails with {@code ENOENT} when there is no such table.
     *
     * @param family the table's family
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteTable deleteTable(Family family, String name) {
        return new NftOperation.DeleteTable(family, name, false);
    }

    /**
     * {@code destroy table}: deletes the table if it exists (kernel 6.3+).
     *
     * @param family the table's family
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteTable destroyTable(Family family, String name) {
        return new NftOperation.DeleteTable(family, name, true);
    }

    /**
     * {@code flush ruleset}: deletes every table of every family.
     *
     * @return the operation
     */
    public static NftOperation.FlushRuleset flushRuleset() {
        return new NftOperation.FlushRuleset(null);
    }

    /**
     * {@code flush table}: deletes every rule of every chain of the table.
     *
     * @param family the table's family
     * @param table the table's name
     * @return the operation
     */
    public static NftOperation.FlushTable flushTable(Family family, String table) {
        return new NftOperation.FlushTable(family, table);
    }

    /**
     * {@code add chain}: creates the chain, or keeps (and updates) an existing one.
     *
     * @param chain the chain
     * @return the operation
     */
    public static NftOperation.AddChain addChain(Chain chain) {
        return new NftOperation.AddChain(chain, false);
    }

    /**
     * {@code create chain}: creates the chain; the commit fails with {@code EEXIST} when it exists.
     *
     * @param chain the chain
     * @return the operation
     */
    public static NftOperation.AddChain createChain(Chain chain) {
        return new NftOperation.AddChain(chain, true);
    }

    /**
     * {@code delete chain}: the commit fails with {@code ENOENT} when there is no such chain.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteChain deleteChain(Family family, String table, String name) {
        return new NftOperation.DeleteChain(family, table, name, false);
    }

    /**
     * {@code destroy chain}: deletes the chain if it exists (kernel 6.3+).
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteChain destroyChain(Family family, String table, String name) {
        return new NftOperation.DeleteChain(family, table, name, true);
    }

    /**
     * {@code flush chain}: deletes every rule of the chain.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @return the operation
     */
    public static NftOperation.FlushChain flushChain(Family family, String table, String chain) {
        return new NftOperation.FlushChain(family, table, chain);
    }

    /**
     * {@code add rule}: appends the rule (or places it after {@link Rule#position()}), asking for the
     * echo that carries its handle ({@link nftlink.nfnetlink.CommitResult#handle}); see
     * {@link NftOperation.AddRule#withoutEcho()}.
     *
     * @param rule the rule
     * @return the operation
     */
    public static NftOperation.AddRule addRule(Rule rule) {
        return new NftOperation.AddRule(rule, true);
    }

    /**
     * {@code insert rule}: prepends the rule (or places it before {@link Rule#position()}), with the echo.
     *
     * @param rule the rule
     * @return the operation
     */
    public static NftOperation.InsertRule insertRule(Rule rule) {
        return new NftOperation.InsertRule(rule, true);
    }

    /**
     * {@code replace rule}: replaces the rule whose handle is {@link Rule#handle()}.
     *
     * @param rule the rule
     * @return the operation
     */
    public static NftOperation.ReplaceRule replaceRule(Rule rule) {
        return new NftOperation.ReplaceRule(rule);
    }

    /**
     * {@code delete rule FAMILY TABLE CHAIN handle HANDLE}.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param handle the rule's handle
     * @return the operation
     */
    public static NftOperation.DeleteRule deleteRule(Family family, String table, String chain, long handle) {
        return new NftOperation.DeleteRule(family, table, chain, handle);
    }

    /**
     * {@code add set} or {@code add map}: creates the set, or keeps an existing one.
     *
     * @param set the set or map
     * @return the operation
     */
    public static NftOperation.AddSet addSet(NftSet set) {
        return new NftOperation.AddSet(set, false);
    }

    /**
     * {@code create set} or {@code create map}: the commit fails with {@code EEXIST} when it exists.
     *
     * @param set the set or map
     * @return the operation
     */
    public static NftOperation.AddSet createSet(NftSet set) {
        return new NftOperation.AddSet(set, true);
    }

    /**
     * {@code delete set}: the commit fails with {@code ENOENT} when there is no such set.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteSet deleteSet(Family family, String table, String name) {
        return new NftOperation.DeleteSet(family, table, name, false);
    }

    /**
     * {@code destroy set}: deletes the set if it exists (kernel 6.3+).
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteSet destroySet(Family family, String table, String name) {
        return new NftOperation.DeleteSet(family, table, name, true);
    }

    /**
     * {@code flush set}: removes every element of the set.
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     * @return the operation
     */
    public static NftOperation.FlushSet flushSet(Family family, String table, String set) {
        return new NftOperation.FlushSet(family, table, set);
    }

    /**
     * {@code add counter|quota|limit|...}: creates the object, or updates an existing one where the kernel allows.
     *
     * @param object the object
     * @return the operation
     */
    public static NftOperation.AddObject addObject(NftObject object) {
        return new NftOperation.AddObject(object, false);
    }

    /**
     * {@code create counter|quota|...}: the commit fails with {@code EEXIST} when it exists.
     *
     * @param object the object
     * @return the operation
     */
    public static NftOperation.AddObject createObject(NftObject object) {
        return new NftOperation.AddObject(object, true);
    }

    /**
     * {@code delete counter|quota|...} by name: the commit fails with {@code ENOENT} when there is none.
     *
     * @param objectType the {@code NFT_OBJECT_*} type
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteObject deleteObject(Family family, String table, int objectType, String name) {
        return new NftOperation.DeleteObject(family, table, objectType, name, 0, false);
    }

    /**
     * {@code destroy counter|quota|...} by name: deletes the object if it exists (kernel 6.3+).
     *
     * @param objectType the {@code NFT_OBJECT_*} type
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteObject destroyObject(Family family, String table, int objectType, String name) {
        return new NftOperation.DeleteObject(family, table, objectType, name, 0, true);
    }

    /**
     * {@code add flowtable}: creates the flowtable, or keeps (and updates) an existing one.
     *
     * @param flowtable the flowtable
     * @return the operation
     */
    public static NftOperation.AddFlowtable addFlowtable(Flowtable flowtable) {
        return new NftOperation.AddFlowtable(flowtable, false);
    }

    /**
     * {@code create flowtable}: the commit fails with {@code EEXIST} when it exists.
     *
     * @param flowtable the flowtable
     * @return the operation
     */
    public static NftOperation.AddFlowtable createFlowtable(Flowtable flowtable) {
        return new NftOperation.AddFlowtable(flowtable, true);
    }

    /**
     * {@code delete flowtable}: the commit fails with {@code ENOENT} when there is no such flowtable.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteFlowtable deleteFlowtable(Family family, String table, String name) {
        return new NftOperation.DeleteFlowtable(family, table, name, false);
    }

    /**
     * {@code destroy flowtable}: deletes the flowtable if it exists (kernel 6.3+).
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the name
     * @return the operation
     */
    public static NftOperation.DeleteFlowtable destroyFlowtable(Family family, String table, String name) {
        return new NftOperation.DeleteFlowtable(family, table, name, true);
    }
}
