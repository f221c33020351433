package nftlink.nftables;

import java.util.List;

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

    /** {@code nft list ruleset}. */
    public String ruleset(Ruleset ruleset) {
        StringBuilder sb = new StringBuilder();
        for (Table t : ruleset.tables()) {
            table(sb, t, ruleset.chainsOf(t));
        }
        return sb.toString();
    }

    /** {@code nft list table FAMILY NAME}. */
    public String table(Table table, List<Chain> chains) {
        StringBuilder sb = new StringBuilder();
        table(sb, table, chains);
        return sb.toString();
    }

    /** {@code nft list tables}: one {@code table FAMILY NAME} line each. */
    public String tables(List<Table> tables) {
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            sb.append("table ").append(t.family().nftName()).append(' ').append(t.name()).append('\n');
        }
        return sb.toString();
    }

    private void table(StringBuilder sb, Table t, List<Chain> chains) {
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
        if (!flags.isEmpty() && !chains.isEmpty()) {
            sb.append('\n');
        }
        for (int i = 0; i < chains.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            chain(sb, chains.get(i));
        }
        sb.append("}\n");
    }

    private void chain(StringBuilder sb, Chain c) {
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
                sb.append(" devices = { ").append(String.join(", ", b.devices())).append(" }");
            }
            sb.append(" priority ").append(numericPriority
                    ? Integer.toString(b.priority())
                    : ChainPriority.render(c.family(), b.hook(), b.priority())).append(';');
            if (b.policy() != null) {
                sb.append(" policy ").append(b.policy().nftName()).append(';');
            }
            if ((c.flags() & NfTables.NFT_CHAIN_HW_OFFLOAD) != 0) {
                sb.append(" flags offload;");
            }
            sb.append('\n');
        }
        sb.append("\t}\n");
    }

    /** Table flag names joined with commas, as nft prints them. */
    static String tableFlags(int flags) {
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
            byte[] cmdline = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Integer.toUnsignedString(portId), "cmdline"));
            int end = 0;
            while (end < cmdline.length && cmdline[end] != 0) {
                end++;
            }
            String argv0 = new String(cmdline, 0, end, java.nio.charset.StandardCharsets.UTF_8);
            if (!argv0.isEmpty()) {
                return argv0.substring(argv0.lastIndexOf('/') + 1);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the owner is gone or not visible from here
        }
        return "unknown";
    }

    /** A double-quoted string as nft prints comments and device names. */
    static String quote(String s) {
        return '"' + s + '"';
    }
}
