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

    /** Whether the object was added (or updated) rather than deleted. */
    boolean added();

    /** A table was added or deleted. */
    record TableEvent(boolean added, Table table) implements NftEvent {
        public TableEvent {
            Objects.requireNonNull(table, "table");
        }
    }

    /** A chain was added or deleted. */
    record ChainEvent(boolean added, Chain chain) implements NftEvent {
        public ChainEvent {
            Objects.requireNonNull(chain, "chain");
        }
    }

    /** A rule was added or deleted (deletions carry only its place and handle). */
    record RuleEvent(boolean added, Rule rule) implements NftEvent {
        public RuleEvent {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** A set or map was added or deleted. */
    record SetEvent(boolean added, NftSet set) implements NftEvent {
        public SetEvent {
            Objects.requireNonNull(set, "set");
        }
    }

    /** Elements were added to or deleted from a set. */
    record ElementsEvent(boolean added, Family family, String table, String set, List<SetElement> elements)
            implements NftEvent {
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
