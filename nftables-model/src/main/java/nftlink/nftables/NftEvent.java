package nftlink.nftables;

import nftlink.netlink.NetlinkMessage;

import java.util.List;
import java.util.Objects;

/**
 * One change the kernel announced on the nftables multicast group: an object
 * added or deleted. Events arrive grouped per committed transaction
 * ({@link NftMonitor.Committed}).
 */
public sealed interface NftEvent {

    /**
     * Whether the object was added (or updated) rather than deleted.
     *
     * @return {@code true} for added, {@code false} for deleted
     */
    boolean added();

    /**
     * A table was added or deleted.
     *
     * @param added whether it was added
     * @param table the table
     */
    record TableEvent(boolean added, Table table) implements NftEvent {
        /** Checks the component: {@code table} must not be null. */
        public TableEvent {
            Objects.requireNonNull(table, "table");
        }
    }

    /**
     * A chain was added or deleted.
     *
     * @param added whether it was added
     * @param chain the chain
     */
    record ChainEvent(boolean added, Chain chain) implements NftEvent {
        /** Checks the component: {@code chain} must not be null. */
        public ChainEvent {
            Objects.requireNonNull(chain, "chain");
        }
    }

    /**
     * A rule was added or deleted.
     *
     * @param added    whether it was added
     * @param rule     the rule; an added rule's {@link Rule#position()} is the handle of the rule
     *                 before it, which the kernel leaves out for the first and the last rule of its chain
     * @param appended whether it was appended ({@code NLM_F_APPEND}: an {@code add}, not an {@code insert})
     */
    record RuleEvent(boolean added, Rule rule, boolean appended) implements NftEvent {
        /** Checks the component: {@code rule} must not be null. */
        public RuleEvent {
            Objects.requireNonNull(rule, "rule");
        }

        /**
         * A rule event without the append flag.
         *
         * @param added whether it was added
         * @param rule  the rule
         */
        public RuleEvent(boolean added, Rule rule) {
            this(added, rule, false);
        }
    }

    /**
     * A set or map was added or deleted.
     *
     * @param added whether it was added
     * @param set the set or map
     */
    record SetEvent(boolean added, NftSet set) implements NftEvent {
        /** Checks the component: {@code set} must not be null. */
        public SetEvent {
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * Elements were added to or deleted from a set.
     *
     * @param added whether they were added
     * @param family the table's family
     * @param table the table's name
     * @param set the set's name
     * @param elements the elements
     */
    record ElementsEvent(boolean added, Family family, String table, String set, List<SetElement> elements)
            implements NftEvent {
        /** Checks the components: {@code family} not null; copies the elements. */
        public ElementsEvent {
            Objects.requireNonNull(family, "family");
            elements = List.copyOf(elements);
        }
    }

    /**
     * Another kind of change (objects, flowtables, ...), kept as the message the
     * kernel sent.
     *
     * @param added   whether it was a NEW message
     * @param type    the nf_tables message number ({@code NFT_MSG_*})
     * @param message a copy of the message
     */
    record Other(boolean added, int type, NetlinkMessage message) implements NftEvent {
    }
}
