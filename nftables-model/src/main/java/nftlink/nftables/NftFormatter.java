package nftlink.nftables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Renders nftables objects in the syntax {@code nft list} prints and
 * {@code nft -f} reads (the layout of nft 1.0.6: tabs, blank lines between chains,
 * priorities by standard name where valid).
 *
 * @param handles          print {@code # handle N} like {@code nft -a}
 * @param numericPriority  print priorities as numbers like {@code nft -y}
 */
public record NftFormatter(boolean handles, boolean numericPriority) {

    /** The default: like plain {@code nft list}. */
    public static final NftFormatter DEFAULT = new NftFormatter(false, false);

    /**
     * What goes inside tables and chains beyond their declarations: rendered set
     * blocks and rule lines, supplied by the rule-language layer.
     */
    public interface Contents {
        /** No sets, no rules: tables and chains only. */
        Contents NONE = new Contents() {
        };

        /**
         * Blocks printed before the chains ({@code \tset s {\n ... \t}\n}), in order.
         *
         * @param table the table
         * @return the blocks; empty when there are none
         */
        default List<String> objects(Table table) {
            return List.of();
        }

        /**
         * The rules of a chain, each as its text without indentation, paired with its handle.
         *
         * @param chain the chain
         * @return the rules in order; empty when there are none
         */
        default List<Map.Entry<String, Long>> rules(Chain chain) {
            return List.of();
        }
    }

    /**
     * {@code nft list ruleset}, tables and chains only.
     *
     * @param ruleset the tables and chains
     * @return the listing
     */
    public String ruleset(Ruleset ruleset) {
        return ruleset(ruleset, Contents.NONE);
    }

    /**
     * {@code nft list ruleset}, with sets and rules from {@code contents}.
     *
     * @param ruleset the tables and chains
     * @param contents where sets and rules come from
     * @return the listing
     */
    public String ruleset(Ruleset ruleset, Contents contents) {
        StringBuilder sb = new StringBuilder();
        for (Table t : ruleset.tables()) {
            table(sb, t, ruleset.chainsOf(t), contents);
        }
        return sb.toString();
    }

    /**
     * {@code nft list table FAMILY NAME}, tables and chains only.
     *
     * @param table the table
     * @param chains its chains
     * @return the listing
     */
    public String table(Table table, List<Chain> chains) {
        return table(table, chains, Contents.NONE);
    }

    /**
     * {@code nft list table FAMILY NAME}, with sets and rules from {@code contents}.
     *
     * @param table the table
     * @param chains its chains
     * @param contents where sets and rules come from
     * @return the listing
     */
    public String table(Table table, List<Chain> chains, Contents contents) {
        StringBuilder sb = new StringBuilder();
        table(sb, table, chains, contents);
        return sb.toString();
    }

    /**
     * {@code nft list tables}: one {@code table FAMILY NAME} line each.
     *
     * @param tables the tables
     * @return the listing
     */
    public String tables(List<Table> tables) {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            sb.append("table ").append(t.family().nftName()).append(' ').append(t.name()).append('\n');
        }
        return sb.toString();
    }

    /**
     * One chain's block inside its table ({@code \tchain NAME {\n ... \t}\n}), with rules from
     * {@code contents}; with {@link Contents#NONE}, the declaration {@code nft list chains} prints.
     *
     * @param chain the chain
     * @param contents where rules come from
     * @return the block
     */
    public String chain(Chain chain, Contents contents) {
        StringBuilder sb = new StringBuilder();
        chain(sb, chain, contents);
        return sb.toString();
    }

    private void table(StringBuilder sb, Table t, List<Chain> chains, Contents contents) {
        sb.append("table ").append(t.family().nftName()).append(' ').append(t.name()).append(" {");
        if (handles || t.isOwned()) {
            sb.append(" #");
        }
        if (handles) {
            sb.append(" handle ").append(Long.toUnsignedString(t.handle()));
        }
        if (t.isOwned()) {
            sb.append(" progname ").append(ownerName(t.owner()));
        }
        sb.append('\n');
        String flags = tableFlags(t.flags());
        if (!flags.isEmpty()) {
            sb.append("\tflags ").append(flags).append('\n');
        }
        if (t.comment() != null) {
            sb.append("\tcomment ").append(quote(t.comment())).append('\n');
        }
        List<String> objects = contents.objects(t);
        if (!flags.isEmpty() && !(chains.isEmpty() && objects.isEmpty())) {
            sb.append('\n');
        }
        boolean first = true;
        for (String object : objects) {
            if (!first) {
                sb.append('\n');
            }
            sb.append(object);
            first = false;
        }
        for (Chain c : chains) {
            if (!first) {
                sb.append('\n');
            }
            chain(sb, c, contents);
            first = false;
        }
        sb.append("}\n");
    }

    private void chain(StringBuilder sb, Chain c, Contents contents) {
        sb.append("\tchain ").append(c.name()).append(" {");
        if (handles) {
            sb.append(" # handle ").append(Long.toUnsignedString(c.handle()));
        }
        sb.append('\n');
        if (c.comment() != null) {
            sb.append("\t\tcomment ").append(quote(c.comment())).append('\n');
        }
        BaseChain b = c.base();
        if (b != null) {
            sb.append("\t\ttype ").append(b.type().nftName()).append(" hook ").append(b.hook().nftName());
            if (b.devices().size() == 1) {
                sb.append(" device ").append(quote(b.devices().getFirst()));
            } else if (b.devices().size() > 1) {
                sb.append(" devices = { ").append(String.join(", ", sortedDevices(b.devices()))).append(" }");
            }
            sb.append(" priority ").append(numericPriority
                    ? Integer.toString(b.priority())
                    : ChainPriority.render(c.family(), b.hook(), b.priority())).append(';');
            if (b.policy() != null) {
                sb.append(" policy ").append(b.policy().nftName()).append(';');
            }
            if ((c.flags() & NfTablesUapi.NFT_CHAIN_HW_OFFLOAD) != 0) {
                sb.append(" flags offload;");
            }
            sb.append('\n');
        }
        for (Map.Entry<String, Long> rule : contents.rules(c)) {
            sb.append("\t\t").append(rule.getKey());
            if (handles) {
                sb.append(" # handle ").append(Long.toUnsignedString(rule.getValue()));
            }
            sb.append('\n');
        }
        sb.append("\t}\n");
    }

    /**
     * Device names in the order nft lists them: sorted by their bytes ({@code strcmp}).
     *
     * @param devices the device names
     * @return a sorted copy
     */
    public static List<String> sortedDevices(List<String> devices) {
        List<String> sorted = new ArrayList<>(devices);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        return sorted;
    }

    /**
     * Table flag names joined with commas, as nft prints them ({@code dormant,owner}).
     *
     * @param flags the table's {@code NFTA_TABLE_FLAGS}
     * @return the names, empty for none
     */
    public static String tableFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"dormant", "owner", "persist"};
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(names[bit]);
            }
        }
        return sb.toString();
    }

    /** The owner's program name as nft prints it: the base name of its command line, from /proc. */
    private static String ownerName(int portId) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Integer.toUnsignedString(portId), "cmdline"));
            int end = 0;
            while (end < cmdline.length && cmdline[end] != 0) {
                end++;
            }
            String argv0 = new String(cmdline, 0, end, StandardCharsets.UTF_8);
            if (!argv0.isEmpty()) {
                return argv0.substring(argv0.lastIndexOf('/') + 1);
            }
        } catch (IOException | RuntimeException e) {
            // the owner is gone or not visible from here
        }
        return "unknown";
    }

    /** A double-quoted string as nft prints comments and device names. */
    static String quote(String s) {
        return '"' + s + '"';
    }
}
