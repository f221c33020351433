package nftlink.cgroup;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Table;

import java.util.Objects;

/** A removal from (or, when asked for, an addition to) the rule set that {@link NftablesMonitor} reports. */
public sealed interface RulesetChange {

    /** The family of the table it happened in. */
    Family family();

    /** The name of the table it happened in. */
    String table();

    /** A table was deleted (with everything in it). */
    record TableDeleted(Table deleted) implements RulesetChange {
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

    /** A chain was deleted. */
    record ChainDeleted(Chain deleted) implements RulesetChange {
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
     */
    record RuleDeleted(Family family, String table, String chain, long handle) implements RulesetChange {
        public RuleDeleted {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
        }
    }

    /** A set was deleted. */
    record SetDeleted(Family family, String table, String set) implements RulesetChange {
        public SetDeleted {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(set, "set");
        }
    }

    /** Elements were removed from a set (one by one, or by flushing it). */
    record SetElementsDeleted(Family family, String table, String set) implements RulesetChange {
        public SetElementsDeleted {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(set, "set");
        }
    }

    /** A table was added. */
    record TableAdded(Table added) implements RulesetChange {
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

    /** A chain was added. */
    record ChainAdded(Chain added) implements RulesetChange {
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

    /** A set was added. */
    record SetAdded(Family family, String table, String set) implements RulesetChange {
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
     */
    record RuleAdded(Family family, String table, String chain, long handle) implements RulesetChange {
        public RuleAdded {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(chain, "chain");
        }
    }
}
