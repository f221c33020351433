package nftlink.examples.cli;

import nftlink.netlink.Errno;
import nftlink.netlink.NetlinkKernelException;
import nftlink.nftables.NftObject;
import nftlink.nftables.Nftables;
import nftlink.nftables.Table;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.lang.ObjectRenderer;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code reset counters|quotas [...]} and {@code reset counter|quota [FAMILY] TABLE NAME}: prints
 * the objects as nft does and zeroes them in the same request.
 */
final class ResetCommand {

    /** The objects this class resets; rules, sets, maps and elements have their own classes. */
    static final List<ListTarget> TARGETS = List.of(ListTarget.COUNTERS, ListTarget.COUNTER, ListTarget.QUOTAS, ListTarget.QUOTA);

    private final Options.Output output;

    ResetCommand(Options.Output output) {
        this.output = output;
    }

    /** Reads the words after {@code reset}. */
    static ListRequest parse(CommandText text) {
        return ListRequest.parse(text, 1, TARGETS);
    }

    /** The text (or JSON) nft prints for {@code request}, after the objects were zeroed. */
    String render(ListRequest request, Nftables nft) {
        int type = request.target().objectType();
        List<Table> tables = Tables.of(request, nft.listTables());
        List<NftObject> reset = new ArrayList<>();
        if (request.name() == null) {
            for (Table t : tables) {
                reset.addAll(nft.resetObjects(t.family(), t.name(), type));
            }
        } else {
            try {
                reset.add(nft.resetObject(request.family(), request.table(), request.name(), type));
            } catch (NetlinkKernelException e) {
                if (e.errno() == Errno.ENOENT) {
                    throw CommandError.noSuch(request.nameWord());
                }
                throw e;
            }
        }
        if (output.json()) {
            JsonRenderer renderer = output.jsonRenderer(index -> null);
            List<JsonValue> items = new ArrayList<>(List.of(JsonRenderer.metainfo()));
            reset.stream().map(renderer::object).forEach(items::add);
            return JsonValue.single("nftables", JsonValue.array(items)).toJson() + "\n";
        }
        return output.flags().apply(() -> ObjectRenderer.listing(tables, reset, type, output.handle()));
    }
}
