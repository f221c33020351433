package nftlink.cgroup;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Table;

import java.util.Objects;

/** A removal from (or, when asked for, an addition to) the rule set that {@link NftablesMonitor} reports. */
public sealed interface RulesetChange {

    /**
     * The family of the table it happened in.
     *
     * @return the family
     */
    Family family();

    /**
     * The name of the table it happened in.
     *
     * @return the table name
     */
    String table();

    /**
     * A table was deleted (with everything in it).
     *
     * @param deleted the table as it was
     */
    record TableDeleted(Table deleted) implements RulesetChange {
        /** Checks the component: it must not be null. */
        public TableDeleted {
            Objects.requireNonNull(deleted, "deleted");
        }

        @Override
        public Family family() {
            return deleted.family();
        }

        @Override
        public String table() {
            return deleted.name();
        }
    }

    /**
     * A chain was deleted.
     *
     * @param deleted the chain as it was
     */
    record ChainDeleted(Chain deleted) implements RulesetChange {
        /** Checks the component: it must not be null. */
        public ChainDeleted {
            Objects.requireNonNull(deleted, "deleted");
        }

        @Override
        public Family family() {
            return deleted.family();
        }

        @Override
        public String table() {
            return deleted.table();
        }
    }

    /**
     * A rule was deleted (one by one, or by flushing its chain or table).
     *
     * @param handle the rule's handle, 0 when the notification carried none
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     */
    record RuleDeleted(Family family, String table, String chain, long handle) implements RulesetChange {
        /** Checks the components: family, table and chain must not be null. */
        public RuleDeleted {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
        }
    }

    /**
     * A set was deleted.
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     */
    record SetDeleted(Family family, String table, String set) implements RulesetChange {
        /** Checks the components: none may be null. */
        public SetDeleted {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * Elements were removed from a set (one by one, or by flushing it).
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     */
    record SetElementsDeleted(Family family, String table, String set) implements RulesetChange {
        /** Checks the components: none may be null. */
        public SetElementsDeleted {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * A table was added.
     *
     * @param added the table
     */
    record TableAdded(Table added) implements RulesetChange {
        /** Checks the component: it must not be null. */
        public TableAdded {
            Objects.requireNonNull(added, "added");
        }

        @Override
        public Family family() {
            return added.family();
        }

        @Override
        public String table() {
            return added.name();
        }
    }

    /**
     * A chain was added.
     *
     * @param added the chain
     */
    record ChainAdded(Chain added) implements RulesetChange {
        /** Checks the component: it must not be null. */
        public ChainAdded {
            Objects.requireNonNull(added, "added");
        }

        @Override
        public Family family() {
            return added.family();
        }

        @Override
        public String table() {
            return added.table();
        }
    }

    /**
     * A set was added.
     *
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     */
    record SetAdded(Family family, String table, String set) implements RulesetChange {
        /** Checks the components: none may be null. */
        public SetAdded {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * A rule was added (appended, inserted or replaced).
     *
     * @param handle the rule's handle
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     */
    record RuleAdded(Family family, String table, String chain, long handle) implements RulesetChange {
        /** Checks the components: family, table and chain must not be null. */
        public RuleAdded {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
        }
    }
}
