package nftlink.examples.cli;

import nftlink.nftables.Nftables;
import nftlink.nftables.Table;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.lang.RulesetListing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code nftlink -j list ...}: the items of {@code nft -j list ruleset} that nft 1.1.3 prints for
 * the target (json.c's {@code do_list_*_json}), after the metainfo, in the rule set's order.
 */
final class JsonListCommand {

    private final Options.Output output;
    private final JsonRenderer renderer;

    /**
     * @param output     the listing options
     * @param interfaces the namespace's interface names by index
     */
    JsonListCommand(Options.Output output, IntFunction<String> interfaces) {
        this.output = output;
        this.renderer = output.jsonRenderer(interfaces);
    }

    /** The document nft prints for {@code request}, on one line. */
    String render(ListRequest request, Nftables nft) {
        return render(request, RulesetListing.read(nft, ListCommand.RENDERING));
    }

    /** The document nft prints for {@code request} from {@code read}. */
    String render(ListRequest request, RulesetListing read) {
        RulesetListing listing = output.terse() ? read.terse() : read;
        List<Table> tables = request.name() == null && familyWide(request.target())
                ? Tables.ofFamily(request, listing.ruleset().tables()) : Tables.of(request, listing.ruleset().tables());
        JsonValue.Arr all = (JsonValue.Arr) ((JsonValue.Obj) output.flags().apply(() -> renderer.document(listing))).get("nftables");
        List<JsonValue> kept = new ArrayList<>();
        kept.add(all.items().getFirst());
        boolean named = false;
        for (JsonValue item : all.items().subList(1, all.items().size())) {
            Map.Entry<String, JsonValue> e = ((JsonValue.Obj) item).members().entrySet().iterator().next();
            JsonValue.Obj body = (JsonValue.Obj) e.getValue();
            if (inTables(e.getKey(), body, tables) && shown(request, e.getKey(), body)) {
                kept.add(item);
                named |= request.name() != null && !e.getKey().equals("rule");
            }
        }
        if (request.name() != null && !named) {
            throw CommandError.noSuch(request.nameWord());
        }
        return JsonValue.single("nftables", JsonValue.array(kept)).toJson();
    }

    private static boolean inTables(String kind, JsonValue.Obj body, List<Table> tables) {
        String table = text(body, kind.equals("table") ? "name" : "table");
        String family = text(body, "family");
        return tables.stream().anyMatch(t -> t.family().nftName().equals(family) && t.name().equals(table));
    }

    /** Whether an item of {@code kind} belongs in the listing {@code request} asks for. */
    private static boolean shown(ListRequest request, String kind, JsonValue.Obj body) {
        String name = text(body, "name");
        boolean thisName = request.name() == null || request.name().equals(name);
        return switch (request.target()) {
            case RULESET, TABLE -> true;
            case TABLES -> kind.equals("table");
            case CHAINS -> kind.equals("chain");
            case CHAIN -> kind.equals("chain") && thisName || kind.equals("rule") && request.name().equals(text(body, "chain"));
            case SETS, SET -> kind.equals("set") && thisName;
            case MAPS, MAP -> kind.equals("map") && thisName;
            // json.c's meters are anonymous sets that rules fill, which listings leave out; a meter by name is any set
            case METERS -> false;
            case METER -> (kind.equals("set") || kind.equals("map")) && thisName;
            case FLOWTABLES, FLOWTABLE -> kind.equals("flowtable") && thisName;
            default -> kind.equals(ObjectRenderer.typeName(request.target().objectType())) && thisName;
        };
    }

    /** The targets json.c lists for the whole family even when a table is named. */
    private static boolean familyWide(ListTarget target) {
        return switch (target) {
            case SETS, MAPS, METERS, FLOWTABLES -> true;
            default -> false;
        };
    }

    private static String text(JsonValue.Obj body, String member) {
        return body.get(member) instanceof JsonValue.Str s ? s.value() : null;
    }
}
