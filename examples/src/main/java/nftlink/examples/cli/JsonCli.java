package nftlink.examples.cli;

import nftlink.netlink.NetlinkKernelException;
import nftlink.netlink.NetworkNamespace;
import nftlink.nfnetlink.TransactionException;
import nftlink.nftables.Family;
import nftlink.nftables.NftOperation;
import nftlink.nftables.Nftables;
import nftlink.nftables.json.JsonException;
import nftlink.nftables.json.JsonParser;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.lang.RulesetListing;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.SetLookup;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code nftlink -j list ruleset [FAMILY]} prints the rule set in the libnftables
 * JSON schema, as {@code nft -j list ruleset} does; {@code nftlink -j -f FILE}
 * applies a JSON document as one transaction, as {@code nft -j -f} does (with
 * {@code --check}: only checks it against the kernel).
 */
final class JsonCli {
    private JsonCli() {
    }

    static int run(Main.Options options, InputStream in, PrintStream out, PrintStream err) {
        if (options.file() != null) {
            if (!options.command().isEmpty()) {
                throw new UsageException("-f takes no command; put the commands in the file");
            }
            return apply(options, Apply.read(options.file(), in), out, err);
        }
        List<String> c = options.command();
        if (c.size() < 2 || !c.get(0).equals("list") || !c.get(1).equals("ruleset") || c.size() > 3) {
            throw new UsageException("with -j, nftlink runs 'list ruleset [FAMILY]' and '-f FILE'");
        }
        Family family = null;
        if (c.size() == 3) {
            try {
                family = Family.ofName(c.get(2));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        try (NetworkNamespace ns = namespace(options); Nftables nft = Nftables.open(ns)) {
            JsonValue document = JsonRenderer.DEFAULT.document(RulesetListing.read(nft));
            out.println(family == null ? document.toJson() : only(document, family).toJson());
        }
        return 0;
    }

    /** The document with only the items of {@code family} (and the metainfo). */
    private static JsonValue only(JsonValue document, Family family) {
        List<JsonValue> kept = new ArrayList<>();
        JsonValue.Arr items = (JsonValue.Arr) ((JsonValue.Obj) document).get("nftables");
        for (JsonValue item : items.items()) {
            JsonValue body = ((JsonValue.Obj) item).members().values().iterator().next();
            JsonValue f = body instanceof JsonValue.Obj o ? o.get("family") : null;
            if (f == null || f.equals(JsonValue.of(family.nftName()))) {
                kept.add(item);
            }
        }
        return JsonValue.single("nftables", JsonValue.array(kept));
    }

    private static int apply(Main.Options options, String text, PrintStream out, PrintStream err) {
        try (NetworkNamespace ns = namespace(options); Nftables nft = Nftables.open(ns)) {
            List<NftOperation> ops;
            try {
                ops = new JsonParser(CgroupPathResolver.mounted(), kernelSets(nft)).parse(text);
            } catch (JsonException e) {
                err.println("nftlink: " + (options.file().equals("-") ? "/dev/stdin" : options.file()) + ": " + e.getMessage());
                return 1;
            }
            if (ops.isEmpty()) {
                return 0;
            }
            try {
                if (options.check()) {
                    nft.transaction().addAll(ops).check();
                } else {
                    nft.transaction().addAll(ops).commit();
                }
                return 0;
            } catch (TransactionException e) {
                err.println("nftlink: " + e.getMessage());
                return 1;
            }
        }
    }

    private static NetworkNamespace namespace(Main.Options options) {
        return options.netns() == null ? NetworkNamespace.current() : NetworkNamespace.named(options.netns());
    }


    /** Sets a document adds elements to without declaring them: looked up in the kernel, like nft does. */
    private static SetLookup kernelSets(Nftables nft) {
        return (family, table, name) -> {
            try {
                return nft.listSets(family, table).stream().filter(s -> s.name().equals(name)).findFirst();
            } catch (NetlinkKernelException e) {
                return Optional.empty();
            }
        };
    }
}
