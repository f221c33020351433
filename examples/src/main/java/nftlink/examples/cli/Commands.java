package nftlink.examples.cli;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.BaseChain;
import nftlink.nftables.Chain;
import nftlink.nftables.ChainPolicy;
import nftlink.nftables.ChainType;
import nftlink.nftables.Family;
import nftlink.nftables.Hook;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.Ruleset;
import nftlink.nftables.Table;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftSet;
import nftlink.nftables.lang.MonitorRenderer;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;

import java.io.PrintStream;
import java.util.List;

/** The commands of the {@code nftlink} tool. */
final class Commands {
    private Commands() {
    }

    static int run(Main.Options options, PrintStream out) {
        List<String> c = options.command();
        NftFormatter formatter = new NftFormatter(options.handles(), options.numericPriority());
        if (c.getFirst().equals("demo")) {
            expectArguments(c, 1, "demo");
            return demo(formatter, out);
        }
        if (c.getFirst().equals("monitor")) {
            return monitor(options, c, out);
        }
        if (!c.getFirst().equals("list")) {
            throw new UsageException("unknown command '" + c.getFirst() + "' (expected list or demo)");
        }
        if (c.size() < 2) {
            throw new UsageException("list what? (ruleset, tables, table or chains)");
        }
        try (NetworkNamespace ns = options.netns() == null ? NetworkNamespace.current() : NetworkNamespace.named(options.netns());
             Nftables nft = Nftables.open(ns)) {
            switch (c.get(1)) {
                case "ruleset" -> {
                    expectArguments(c, 3, "list ruleset [FAMILY]");
                    Family family = c.size() == 3 ? family(c.get(2)) : null;
                    RulesetListing listing = RulesetListing.read(nft);
                    for (Table t : listing.ruleset().tables()) {
                        if (family == null || t.family() == family) {
                            out.print(listing.renderTable(formatter, RuleRenderer.DEFAULT, t));
                        }
                    }
                }
                case "tables" -> {
                    expectArguments(c, 3, "list tables [FAMILY]");
                    out.print(formatter.tables(c.size() == 3 ? nft.listTables(family(c.get(2))) : nft.listTables()));
                }
                case "table" -> {
                    if (c.size() != 4) {
                        throw new UsageException("usage: list table FAMILY NAME");
                    }
                    Family family = family(c.get(2));
                    RulesetListing listing = RulesetListing.read(nft);
                    Table table = listing.ruleset().table(family, c.get(3));
                    if (table == null) {
                        throw new IllegalArgumentException("no table " + family + " " + c.get(3));
                    }
                    out.print(listing.renderTable(formatter, RuleRenderer.DEFAULT, table));
                }
                case "chains" -> {
                    expectArguments(c, 3, "list chains [FAMILY]");
                    Ruleset rs = nft.listRuleset();
                    Family family = c.size() == 3 ? family(c.get(2)) : null;
                    for (Table t : rs.tables()) {
                        if (family != null && t.family() != family) {
                            continue;
                        }
                        String listed = formatter.table(t.withFlags(0).withComment(null), rs.chainsOf(t));
                        out.print(listed.replace("\n\n", "\n"));
                    }
                }
                default -> throw new UsageException("unknown list target '" + c.get(1) + "' (expected ruleset, tables, table or chains)");
            }
        }
        return 0;
    }

    private static int demo(NftFormatter formatter, PrintStream out) {
        long start = System.nanoTime();
        try (NetworkNamespace ns = NetworkNamespace.createAnonymous();
             Nftables nft = Nftables.open(ns)) {
            long opened = System.nanoTime();
            var result = nft.commit(
                    new NftOperation.AddTable(Table.of(Family.INET, "nftlink_demo").withComment("made by nftlink demo"), true),
                    new NftOperation.AddChain(Chain.base(Family.INET, "nftlink_demo", "input",
                            BaseChain.of(ChainType.FILTER, Hook.INPUT, 0, ChainPolicy.ACCEPT)), true),
                    new NftOperation.AddChain(Chain.regular(Family.INET, "nftlink_demo", "allowed_apps"), true));
            long committed = System.nanoTime();
            Ruleset rs = nft.listRuleset();
            long listed = System.nanoTime();
            out.println("# a fresh network namespace; nothing on the host was touched");
            out.printf("# committed 3 operations as one transaction in %.2f ms (generation %d),%n",
                    (committed - opened) / 1e6, Integer.toUnsignedLong(nft.generation()));
            out.printf("# listed the rule set in %.2f ms; 'nftlink list ruleset' prints:%n", (listed - committed) / 1e6);
            result.echo(0).ifPresent(m -> out.println("# table handle from the kernel's echo: " + Table.decode(m).handle()));
            out.print(formatter.ruleset(rs));
            out.printf("# total %.1f ms, including namespace setup%n", (System.nanoTime() - start) / 1e6);
        }
        return 0;
    }

    /** {@code monitor [--count N]}: prints changes as nft monitor does, until interrupted or N transactions. */
    private static int monitor(Main.Options options, List<String> c, PrintStream out) {
        long count = Long.MAX_VALUE;
        if (c.size() == 3 && c.get(1).equals("--count")) {
            try {
                count = Long.parseLong(c.get(2));
            } catch (NumberFormatException e) {
                throw new UsageException("--count needs a number, not '" + c.get(2) + "'");
            }
        } else if (c.size() != 1) {
            throw new UsageException("usage: monitor [--count N]");
        }
        try (NetworkNamespace ns = options.netns() == null ? NetworkNamespace.current() : NetworkNamespace.named(options.netns());
             NftMonitor monitor = NftMonitor.open(ns);
             Nftables nft = Nftables.open(ns)) {
            MonitorRenderer renderer = new MonitorRenderer(RuleRenderer.DEFAULT);
            for (NftSet set : nft.listSets()) {
                renderer.knowSet(set, nft.listElements(set.family(), set.table(), set.name()));
            }
            for (long seen = 0; seen < count; ) {
                NftMonitor.Update update = monitor.next(-1);
                if (update == null) {
                    break;
                }
                renderer.render(update).forEach(out::println);
                out.flush();
                if (update instanceof NftMonitor.Committed) {
                    seen++;
                }
            }
        }
        return 0;
    }

    private static Family family(String name) {
        try {
            return Family.ofName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void expectArguments(List<String> c, int max, String usage) {
        if (c.size() > max) {
            throw new UsageException("too many arguments; usage: " + usage);
        }
    }
}
