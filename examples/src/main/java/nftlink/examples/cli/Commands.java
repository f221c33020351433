package nftlink.examples.cli;

import nftlink.examples.daemon.Demo;
import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.Family;
import nftlink.nftables.NftFormatter;
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
            return demo(out);
        }
        if (c.getFirst().equals("monitor")) {
            return monitor(options, c, out);
        }
        if (c.getFirst().equals("reset")) {
            try (NetworkNamespace ns = options.netns() == null ? NetworkNamespace.current() : NetworkNamespace.named(options.netns());
                 Nftables nft = Nftables.open(ns)) {
                ObjectCommands.reset(c.subList(1, c.size()), nft, formatter, out);
            }
            return 0;
        }
        if (!c.getFirst().equals("list")) {
            throw new UsageException("unknown command '" + c.getFirst() + "' (expected list, reset, monitor or demo)");
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
                default -> {
                    if (!ObjectCommands.list(c.subList(1, c.size()), nft, formatter, out)) {
                        throw new UsageException("unknown list target '" + c.get(1) + "' (expected ruleset, tables, table, chains, "
                                + "counters, quotas, limits, secmarks, synproxys, ct helpers|timeouts|expectations, flowtables, "
                                + "or one object: counter, quota, limit, secmark, synproxy, ct helper|timeout|expectation, flowtable)");
                    }
                }
            }
        }
        return 0;
    }

    /** {@code demo}: the daemon at work in a throwaway namespace and cgroup subtree; see {@link Demo}. */
    private static int demo(PrintStream out) {
        var missing = Demo.missingPrivileges();
        if (missing.isPresent()) {
            System.err.println(missing.get());
            return 1;
        }
        try {
            Demo.Report report = Demo.run(out);
            if (!report.ok()) {
                System.err.println("nftlink demo: something did not happen as it should: " + report);
            }
            return report.ok() ? 0 : 1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
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
