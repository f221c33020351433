package nftlink.examples.cli;

import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.NfTables;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftObject;
import nftlink.nftables.Nftables;
import nftlink.nftables.Table;
import nftlink.nftables.lang.FlowtableRenderer;
import nftlink.nftables.lang.ObjectRenderer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The object commands of the {@code nftlink} tool, printing what nft prints:
 * {@code list counters|quotas|limits|secmarks|synproxys [table FAMILY NAME]},
 * {@code list ct helpers|timeouts|expectations table FAMILY NAME},
 * {@code list counter|quota|limit|secmark|synproxy|ct helper|ct timeout|ct expectation FAMILY TABLE NAME},
 * {@code list flowtables [FAMILY]}, {@code list flowtable FAMILY TABLE NAME},
 * {@code reset counters|quotas [table FAMILY NAME]} and {@code reset counter|quota FAMILY TABLE NAME}.
 */
final class ObjectCommands {
    private ObjectCommands() {
    }

    /** The object type a word names in the plural ({@code counters}), or -1. */
    private static int plural(String word) {
        return switch (word) {
            case "counters" -> NfTables.NFT_OBJECT_COUNTER;
            case "quotas" -> NfTables.NFT_OBJECT_QUOTA;
            case "limits" -> NfTables.NFT_OBJECT_LIMIT;
            case "secmarks" -> NfTables.NFT_OBJECT_SECMARK;
            case "synproxys" -> NfTables.NFT_OBJECT_SYNPROXY;
            case "helpers" -> NfTables.NFT_OBJECT_CT_HELPER;
            case "timeouts" -> NfTables.NFT_OBJECT_CT_TIMEOUT;
            case "expectations" -> NfTables.NFT_OBJECT_CT_EXPECT;
            default -> -1;
        };
    }

    /** The object type a word names in the singular ({@code counter}, {@code helper} after ct), or -1. */
    private static int singular(String word) {
        return switch (word) {
            case "counter" -> NfTables.NFT_OBJECT_COUNTER;
            case "quota" -> NfTables.NFT_OBJECT_QUOTA;
            case "limit" -> NfTables.NFT_OBJECT_LIMIT;
            case "secmark" -> NfTables.NFT_OBJECT_SECMARK;
            case "synproxy" -> NfTables.NFT_OBJECT_SYNPROXY;
            case "helper" -> NfTables.NFT_OBJECT_CT_HELPER;
            case "timeout" -> NfTables.NFT_OBJECT_CT_TIMEOUT;
            case "expectation" -> NfTables.NFT_OBJECT_CT_EXPECT;
            default -> -1;
        };
    }

    /**
     * {@code list ...} of objects or flowtables ({@code args} starts after {@code list});
     * returns false when {@code args} names none of them.
     */
    static boolean list(List<String> args, Nftables nft, NftFormatter formatter, PrintStream out) {
        List<String> rest = new ArrayList<>(args);
        boolean ct = rest.getFirst().equals("ct");
        if (ct) {
            rest.removeFirst();
            if (rest.isEmpty()) {
                throw new UsageException("list ct what? (helpers, timeouts, expectations, helper, timeout, expectation)");
            }
            if (rest.getFirst().equals("helpers") || rest.getFirst().equals("timeouts") || rest.getFirst().equals("expectations")) {
                if (rest.size() != 4 || !rest.get(1).equals("table")) {
                    throw new UsageException("usage: list ct " + rest.getFirst() + " table FAMILY NAME");
                }
            }
        }
        String what = rest.getFirst();
        if (what.equals("flowtables")) {
            expect(rest.size() <= 2, "list flowtables [FAMILY]");
            Family family = rest.size() == 2 ? family(rest.get(1)) : null;
            List<Flowtable> all = nft.listFlowtables();
            for (Table t : nft.listTables()) {
                if (family == null || t.family() == family) {
                    StringBuilder sb = new StringBuilder("table " + t.family().nftName() + " " + t.name() + " {\n");
                    for (Flowtable f : all) {
                        if (f.family() == t.family() && f.table().equals(t.name())) {
                            sb.append(FlowtableRenderer.render(f, formatter.handles(), formatter.numericPriority()));
                        }
                    }
                    out.print(sb.append("}\n"));
                }
            }
            return true;
        }
        if (what.equals("flowtable")) {
            expect(rest.size() == 4, "list flowtable FAMILY TABLE NAME");
            Family family = family(rest.get(1));
            Flowtable f = nft.listFlowtables(family, rest.get(2)).stream().filter(x -> x.name().equals(rest.get(3))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no flowtable " + rest.get(3) + " in table "
                            + family.nftName() + " " + rest.get(2)));
            out.print("table " + family.nftName() + " " + rest.get(2) + " {\n"
                    + FlowtableRenderer.render(f, formatter.handles(), formatter.numericPriority()) + "}\n");
            return true;
        }
        int type = plural(what);
        if (type >= 0 && ct == isCt(type)) {
            List<Table> tables = tables(nft, rest, "list " + (ct ? "ct " : "") + what + " [table FAMILY NAME]");
            List<NftObject> objects = new ArrayList<>();
            for (Table t : tables) {
                objects.addAll(nft.listObjects(t.family(), t.name()));
            }
            out.print(ObjectRenderer.listing(tables, objects, type, formatter.handles()));
            return true;
        }
        type = singular(what);
        if (type >= 0 && ct == isCt(type)) {
            expect(rest.size() == 4, "list " + (ct ? "ct " : "") + what + " FAMILY TABLE NAME");
            Family family = family(rest.get(1));
            int t = type;
            NftObject o = nft.listObjects(family, rest.get(2), type).stream().filter(x -> x.name().equals(rest.get(3)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + ObjectRenderer.typeName(t) + " "
                            + rest.get(3) + " in table " + family.nftName() + " " + rest.get(2)));
            out.print("table " + family.nftName() + " " + rest.get(2) + " {\n" + ObjectRenderer.render(o, formatter.handles()) + "}\n");
            return true;
        }
        return false;
    }

    /** {@code reset counters|quotas [table FAMILY NAME]} and {@code reset counter|quota FAMILY TABLE NAME}. */
    static void reset(List<String> args, Nftables nft, NftFormatter formatter, PrintStream out) {
        if (args.isEmpty()) {
            throw new UsageException("reset what? (counters, quotas, counter, quota)");
        }
        String what = args.getFirst();
        switch (what) {
            case "counters", "quotas" -> {
                int type = plural(what);
                List<Table> tables = tables(nft, args, "reset " + what + " [table FAMILY NAME]");
                List<NftObject> reset = new ArrayList<>();
                for (Table t : tables) {
                    reset.addAll(nft.resetObjects(t.family(), t.name(), type));
                }
                out.print(ObjectRenderer.listing(tables, reset, type, formatter.handles()));
            }
            case "counter", "quota" -> {
                expect(args.size() == 4, "reset " + what + " FAMILY TABLE NAME");
                Family family = family(args.get(1));
                NftObject o = nft.resetObject(family, args.get(2), args.get(3), singular(what));
                out.print("table " + family.nftName() + " " + args.get(2) + " {\n" + ObjectRenderer.render(o, formatter.handles()) + "}\n");
            }
            default -> throw new UsageException("unknown reset target '" + what + "' (expected counters, quotas, counter or quota)");
        }
    }

    private static boolean isCt(int type) {
        return type == NfTables.NFT_OBJECT_CT_HELPER || type == NfTables.NFT_OBJECT_CT_TIMEOUT || type == NfTables.NFT_OBJECT_CT_EXPECT;
    }

    /** All tables, or the one named by {@code table FAMILY NAME} after the first word of {@code args}. */
    private static List<Table> tables(Nftables nft, List<String> args, String usage) {
        if (args.size() == 1) {
            return nft.listTables();
        }
        expect(args.size() == 4 && args.get(1).equals("table"), usage);
        Family family = family(args.get(2));
        List<Table> found = nft.listTables(family).stream().filter(t -> t.name().equals(args.get(3))).toList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no table " + family.nftName() + " " + args.get(3));
        }
        return found;
    }

    private static Family family(String name) {
        try {
            return Family.ofName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void expect(boolean ok, String usage) {
        if (!ok) {
            throw new UsageException("usage: " + usage);
        }
    }
}
