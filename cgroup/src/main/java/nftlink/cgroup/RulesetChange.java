package nftlink.cgroup;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftSet;
import nftlink.nftables.RulesetObject;
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

    /** A table or chain deleted or added: the family and the table are the object's. */
    sealed interface ObjectChange extends RulesetChange permits Deletion, Addition {
        /**
         * The table or chain the notification carried.
         *
         * @return the object
         */
        RulesetObject object();

        @Override
        default Family family() {
            return object().family();
        }

        @Override
        default String table() {
            return tableOf(object());
        }
    }

    /** A table or chain deleted, as the notification carried it. */
    sealed interface Deletion extends ObjectChange permits TableDeleted, ChainDeleted {
        /**
         * The table or chain as it was.
         *
         * @return the deleted object
         */
        RulesetObject deleted();

        @Override
        default RulesetObject object() {
            return deleted();
        }
    }

    /** A table or chain added, as the notification carried it. */
    sealed interface Addition extends ObjectChange permits TableAdded, ChainAdded {
        /**
         * The table or chain added.
         *
         * @return the added object
         */
        RulesetObject added();

        @Override
        default RulesetObject object() {
            return added();
        }
    }

    /**
     * A table was deleted (with everything in it).
     *
     * @param deleted the table as it was
     */
    record TableDeleted(Table deleted) implements Deletion {
        /** Checks the component: it must not be null. */
        public TableDeleted {
            Objects.requireNonNull(deleted, "deleted");
        }
    }

    /**
     * A chain was deleted.
     *
     * @param deleted the chain as it was
     */
    record ChainDeleted(Chain deleted) implements Deletion {
        /** Checks the component: it must not be null. */
        public ChainDeleted {
            Objects.requireNonNull(deleted, "deleted");
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
            requireNames(family, table, chain, "chain");
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
            requireNames(family, table, set, "set");
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
            requireNames(family, table, set, "set");
        }
    }

    /**
     * A table was added.
     *
     * @param added the table
     */
    record TableAdded(Table added) implements Addition {
        /** Checks the component: it must not be null. */
        public TableAdded {
            Objects.requireNonNull(added, "added");
        }
    }

    /**
     * A chain was added.
     *
     * @param added the chain
     */
    record ChainAdded(Chain added) implements Addition {
        /** Checks the component: it must not be null. */
        public ChainAdded {
            Objects.requireNonNull(added, "added");
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
            requireNames(family, table, set, "set");
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
            requireNames(family, table, chain, "chain");
        }
    }

    /** The name of the table {@code o} is in, or is. */
    private static String tableOf(RulesetObject o) {
        return switch (o) {
            case Table t -> t.name();
            case Chain c -> c.table();
            case NftSet set -> set.table();
            case NftObject object -> object.table();
            case Flowtable flowtable -> flowtable.table();
        };
    }

    /** Checks that the family, the table's name and the name of what changed in it are not null. */
    private static void requireNames(Family family, String table, String name, String what) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, what);
    }
}
