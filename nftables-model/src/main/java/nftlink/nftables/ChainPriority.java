package nftlink.nftables;

import java.util.List;
import java.util.OptionalInt;

/**
 * Standard base-chain priority names ({@code raw}, {@code mangle}, {@code dstnat},
 * {@code filter}, {@code security}, {@code srcnat}; for bridge {@code dstnat},
 * {@code filter}, {@code out}, {@code srcnat}; {@code dstnat} on prerouting and output,
 * {@code srcnat} on input and postrouting, as nft 1.1.3 takes them) and how {@code nft} prints a
 * priority: as a name, a name with an offset of at most 10 ({@code filter + 5}),
 * or a plain number where no name is valid for the family and hook.
 */
public final class ChainPriority {
    private ChainPriority() {
    }

    private record Name(String name, int value) {
    }

    private static final List<Name> STANDARD = List.of(
            new Name("raw", -300), new Name("mangle", -150), new Name("dstnat", -100),
            new Name("filter", 0), new Name("security", 50), new Name("srcnat", 100));
    private static final List<Name> BRIDGE = List.of(
            new Name("dstnat", -300), new Name("filter", -200), new Name("out", 100), new Name("srcnat", 300));

    private static boolean valid(Family family, Hook hook, String name) {
        if (family == Family.BRIDGE) {
            return switch (name) {
                case "dstnat" -> hook == Hook.PREROUTING;
                case "filter" -> true;
                case "out" -> hook == Hook.OUTPUT;
                case "srcnat" -> hook == Hook.POSTROUTING;
                default -> false;
            };
        }
        boolean ipLike = family == Family.IP || family == Family.IP6 || family == Family.INET;
        return switch (name) {
            case "filter" -> ipLike || family == Family.ARP || family == Family.NETDEV;
            case "raw", "mangle", "security" -> ipLike;
            case "dstnat" -> ipLike && (hook == Hook.PREROUTING || hook == Hook.OUTPUT);
            case "srcnat" -> ipLike && (hook == Hook.INPUT || hook == Hook.POSTROUTING);
            default -> false;
        };
    }

    /**
     * The priority as {@code nft list} prints it for a chain of {@code family} on {@code hook}.
     *
     * @param family the table's family
     * @param hook the chain's hook
     * @param priority the priority number
     * @return a standard name with an offset, or the number
     */
    public static String render(Family family, Hook hook, int priority) {
        for (Name n : family == Family.BRIDGE ? BRIDGE : STANDARD) {
            int offset = priority - n.value;
            if (Math.abs(offset) <= 10) {
                if (!valid(family, hook, n.name)) {
                    break;
                }
                if (offset == 0) {
                    return n.name;
                }
                return n.name + (offset > 0 ? " + " + offset : " - " + (-offset));
            }
        }
        return Integer.toString(priority);
    }

    /**
     * The value of a standard priority name for a chain of {@code family} on
     * {@code hook}, if the name is valid there.
     *
     * @param family the table's family
     * @param hook the chain's hook
     * @param name a standard priority name such as {@code filter}
     * @return the value, or empty
     */
    public static OptionalInt valueOf(Family family, Hook hook, String name) {
        for (Name n : family == Family.BRIDGE ? BRIDGE : STANDARD) {
            if (n.name.equals(name) && valid(family, hook, name)) {
                return OptionalInt.of(n.value);
            }
        }
        return OptionalInt.empty();
    }
}
