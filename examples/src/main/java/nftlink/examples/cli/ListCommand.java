package nftlink.examples.cli;

import nftlink.nftables.Chain;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftSet;
import nftlink.nftables.Nftables;
import nftlink.nftables.Ruleset;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;
import nftlink.nftables.lang.FlowtableRenderer;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.lang.SetRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * {@code list ...} as nft 1.1.3 prints it (rule.c's {@code do_list_*}): a whole table, or the
 * table's header with only what was asked for inside; {@code -a -s -t -n -N -S -u -y -p -T}
 * applied. Each listing reads only what it prints.
 */
final class ListCommand {

    /** Dumps and renders a large table's rules on the other processors too: a thread per task, ended with it. */
    static final Executor RENDERING = task -> Thread.ofPlatform().daemon().name("nftlink-render").start(task);

    private final Options.Output output;
    private final NftFormatter formatter;
    private final RuleRenderer rules;

    /**
     * @param output     the listing options
     * @param interfaces the namespace's interface names by index
     */
    ListCommand(Options.Output output, IntFunction<String> interfaces) {
        this.output = output;
        this.formatter = output.formatter();
        this.rules = output.rules(interfaces);
    }

    /** The text nft prints for {@code request}. */
    String render(ListRequest request, Nftables nft) {
        return output.flags().apply(() -> switch (request.target()) {
            case RULESET, TABLE -> tables(request, nft);
            case TABLES -> formatter.tables(Tables.of(request, nft.listTables()));
            case CHAINS -> chains(request, nft.listTablesAndChains());
            case CHAIN -> chain(request, nft);
            case SETS, SET, MAPS, MAP, METERS, METER -> sets(request, nft);
            case FLOWTABLES, FLOWTABLE -> flowtables(request, nft);
            default -> objects(request, nft);
        });
    }

    /** The text nft prints for {@code request} (the rule set, a table or a chain) from {@code read}: what {@code reset rules} prints. */
    String render(ListRequest request, RulesetListing read) {
        RulesetListing listing = output.terse() ? read.terse() : read;
        return output.flags().apply(() -> request.target() == ListTarget.CHAIN ? chain(request, listing) : tables(request, listing));
    }

    private RulesetListing listing(Nftables nft) {
        RulesetListing listing = RulesetListing.read(nft, RENDERING);
        return output.terse() ? listing.terse() : listing;
    }

    private String tables(ListRequest request, Nftables nft) {
        return tables(request, listing(nft));
    }

    private String tables(ListRequest request, RulesetListing listing) {
        StringBuilder sb = new StringBuilder();
        for (Table t : Tables.of(request, listing.ruleset().tables())) {
            sb.append(listing.renderTable(formatter, rules, t, RENDERING));
        }
        return sb.toString();
    }

    private String chains(ListRequest request, Ruleset ruleset) {
        StringBuilder sb = new StringBuilder();
        for (Table t : Tables.of(request, ruleset.tables())) {
            sb.append(header(t));
            for (Chain c : ruleset.chainsOf(t)) {
                if (c.isBinding()) {
                    continue;
                }
                sb.append(formatter.chain(c, NftFormatter.Contents.NONE));
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    private String chain(ListRequest request, Nftables nft) {
        return chain(request, listing(nft));
    }

    private String chain(ListRequest request, RulesetListing listing) {
        Table table = Tables.of(request, listing.ruleset().tables()).getFirst();
        Chain chain = listing.ruleset().chainsOf(table).stream().filter(c -> c.name().equals(request.name())).findFirst()
                .orElseThrow(() -> CommandError.noSuch(request.nameWord()));
        return header(table) + listing.renderChain(formatter, rules, chain) + "}\n";
    }

    /** Reads a set's elements: {@link Nftables#listElements}, or {@link Nftables#resetElements} for {@code reset set}. */
    interface ElementReader {
        /** The elements of the set {@code family table set}. */
        List<SetElement> read(Family family, String table, String set);
    }

    private String sets(ListRequest request, Nftables nft) {
        return sets(request, nft, nft::listElements);
    }

    /** {@code list set|map|...} with the elements of the sets it shows read by {@code elements}. */
    String sets(ListRequest request, Nftables nft, ElementReader elements) {
        List<Table> tables = request.name() == null ? Tables.ofFamily(request, nft.listTables()) : Tables.of(request, nft.listTables());
        List<NftSet> sets = nft.listSets();
        StringBuilder sb = new StringBuilder();
        boolean found = false;
        for (Table t : tables) {
            StringBuilder block = new StringBuilder(header(t));
            for (NftSet s : sets) {
                if (s.family() == t.family() && s.table().equals(t.name()) && shown(request, s)) {
                    boolean listed = !output.terse() && !(output.stateless() && (s.flags() & NfTablesUapi.NFT_SET_EVAL) != 0
                            && (s.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) != 0);
                    block.append(SetRenderer.render(s, listed ? elements.read(s.family(), s.table(), s.name()) : List.of(),
                            output.handle(), rules));
                    found = true;
                }
            }
            sb.append(block).append("}\n");
        }
        if (request.name() != null && !found) {
            throw CommandError.noSuch(request.nameWord());
        }
        return sb.toString();
    }

    /** Whether {@code set} is one the request lists: nft's set_is_literal, map_is_literal and set_is_meter_compat. */
    static boolean shown(ListRequest request, NftSet s) {
        boolean anonymous = (s.flags() & NfTablesUapi.NFT_SET_ANONYMOUS) != 0;
        boolean map = (s.flags() & (NfTablesUapi.NFT_SET_MAP | NfTablesUapi.NFT_SET_OBJECT)) != 0;
        boolean kind = switch (request.target()) {
            case SETS, SET -> !anonymous && !map;
            case MAPS, MAP -> !anonymous && map;
            default -> (s.flags() & NfTablesUapi.NFT_SET_EVAL) != 0;
        };
        return kind && (request.name() == null || s.name().equals(request.name()));
    }

    private String flowtables(ListRequest request, Nftables nft) {
        List<Flowtable> all = nft.listFlowtables();
        StringBuilder sb = new StringBuilder();
        boolean found = false;
        List<Table> tables = request.name() == null ? Tables.ofFamily(request, nft.listTables()) : Tables.of(request, nft.listTables());
        for (Table t : tables) {
            StringBuilder block = new StringBuilder(header(t));
            for (Flowtable f : all) {
                if (f.family() == t.family() && f.table().equals(t.name())
                        && (request.name() == null || f.name().equals(request.name()))) {
                    block.append(FlowtableRenderer.render(f, output.handle(), output.numericPriority() || output.numeric()));
                    found = true;
                }
            }
            sb.append(block).append("}\n");
        }
        if (request.name() != null && !found) {
            throw CommandError.noSuch(request.nameWord());
        }
        return sb.toString();
    }

    /** nft 1.1.3 dumps only objects of the type (and name) asked for, and prints only tables that have some. */
    private String objects(ListRequest request, Nftables nft) {
        int type = request.target().objectType();
        List<Table> tables = Tables.of(request, nft.listTables());
        List<NftObject> objects = new ArrayList<>();
        for (Table t : tables) {
            for (NftObject o : nft.listObjects(t.family(), t.name(), type)) {
                if (request.name() == null || o.name().equals(request.name())) {
                    objects.add(o);
                }
            }
        }
        if (request.name() != null && objects.isEmpty()) {
            throw CommandError.noSuch(request.nameWord());
        }
        return ObjectRenderer.listing(tables, objects, type, output.handle());
    }

    /** {@code table FAMILY NAME {}: how nft opens a table around a part of it (no handle, flags or comment). */
    private static String header(Table t) {
        return "table " + t.family().nftName() + " " + t.name() + " {\n";
    }
}
