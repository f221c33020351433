package nftlink.netlink.internal;

import nftlink.netlink.AttributeNamer;
import nftlink.netlink.AttributePath;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The names of a message's attributes as a kernel header's enum spells them, nested where an
 * attribute holds others: one table per message kind, so that an extended acknowledgement reads
 * {@code NFTA_CHAIN_HOOK > NFTA_HOOK_PRIORITY} or {@code IFLA_LINKINFO > IFLA_INFO_KIND}.
 * A type the table does not know reads {@code attribute type N}.
 */
public final class AttributeTree implements AttributeNamer {

    /** No attributes: every type reads as a number. */
    public static final AttributeTree NONE = new AttributeTree(Map.of());

    /**
     * One attribute: its header name, the list entry it is ({@code numbered}, shown with its
     * position, e.g. {@code expression #2}) or null, and what it contains.
     */
    private record Node(String name, String numbered, AttributeTree children) {
        String shown(int index) {
            return numbered == null ? name : numbered + " #" + (index + 1);
        }
    }

    private final Map<Integer, Node> nodes;

    private AttributeTree(Map<Integer, Node> nodes) {
        this.nodes = Map.copyOf(nodes);
    }

    /**
     * The attributes of a kernel enum, written as the header lists them: the {@code i}-th of
     * {@code names} (separated by spaces, the first usually {@code UNSPEC}) is type {@code i},
     * named {@code prefix} followed by it.
     *
     * @param prefix the enum's common prefix, e.g. {@code RTA_}
     * @param names the rest of each name, in the enum's order
     * @return the table
     */
    public static AttributeTree enumerated(String prefix, String names) {
        Map<Integer, Node> nodes = new HashMap<>();
        String[] rest = names.trim().split("\\s+");
        for (int type = 0; type < rest.length; type++) {
            nodes.put(type, new Node(prefix + rest[type], null, NONE));
        }
        return new AttributeTree(nodes);
    }

    /**
     * This table with the attribute named {@code name} holding the attributes of {@code children}.
     *
     * @param name the attribute's full name, e.g. {@code NFTA_CHAIN_HOOK}
     * @param children what it holds
     * @return the new table
     * @throws IllegalArgumentException when this table has no such attribute
     */
    public AttributeTree nest(String name, AttributeTree children) {
        return replace(name, null, children);
    }

    /**
     * This table with the attribute named {@code name} as an entry of a list, shown as
     * {@code numbered #N} (N counting from 1), holding the attributes of {@code children}.
     *
     * @param name the attribute's full name, e.g. {@code NFTA_LIST_ELEM}
     * @param numbered how an entry is shown, e.g. {@code expression}
     * @param children what each entry holds
     * @return the new table
     * @throws IllegalArgumentException when this table has no such attribute
     */
    public AttributeTree entries(String name, String numbered, AttributeTree children) {
        return replace(name, numbered, children);
    }

    private AttributeTree replace(String name, String numbered, AttributeTree children) {
        Map<Integer, Node> copy = new HashMap<>(nodes);
        Integer type = nodes.entrySet().stream().filter(e -> e.getValue().name().equals(name))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no attribute " + name));
        copy.put(type, new Node(name, numbered, children));
        return new AttributeTree(copy);
    }

    @Override
    public String name(AttributePath path) {
        StringJoiner joiner = new StringJoiner(" > ");
        AttributeTree level = this;
        for (AttributePath.Step step : path.steps()) {
            Node node = level.nodes.get(step.type());
            if (node == null) {
                joiner.add("attribute type " + step.type());
                level = NONE;
            } else {
                joiner.add(node.shown(step.index()));
                level = node.children();
            }
        }
        return joiner.toString();
    }
}
