package nftlink.nftables.json;

import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftEvent;
import nftlink.nftables.NftMonitor;
import nftlink.nftables.NftObject;
import nftlink.nftables.ObjectDefinition;
import nftlink.nftables.NftSet;
import nftlink.nftables.SetElement;
import nftlink.nftables.lang.MonitorEvents;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints monitor updates as {@code nft -j monitor} does: an object per change,
 * {@code {"add": {"rule": {...}}}} or {@code {"delete": {...}}}, its body as a JSON listing writes it
 * (sets without their elements, elements as {@code {"element": {..., "elem": {"set": [...]}}}}).
 * Keeps what it needs to know across transactions; seed it with the sets that exist when
 * monitoring starts ({@link #knowSet}).
 */
public final class JsonMonitorRenderer {

    private final MonitorEvents events = new MonitorEvents();
    private final JsonRenderer json;

    /**
     * A renderer of monitor updates as {@code nft -j monitor} prints them.
     *
     * @param json the renderer of the objects in the updates
     */
    public JsonMonitorRenderer(JsonRenderer json) {
        this.json = json;
    }

    /**
     * Tells the renderer about a set that existed before monitoring started.
     *
     * @param set the set
     * @param elements its elements
     */
    public void knowSet(NftSet set, List<SetElement> elements) {
        events.knowSet(set, elements);
    }

    /**
     * The objects for one update: none for a transaction's end or a resync (nft prints neither).
     *
     * @param update the update
     * @return the objects, in order
     */
    public List<JsonValue> render(NftMonitor.Update update) {
        List<JsonValue> out = new ArrayList<>();
        if (update instanceof NftMonitor.Committed c) {
            for (MonitorEvents.Change change : events.changes(c)) {
                JsonValue body = body(change);
                if (body != null) {
                    out.add(JsonValue.single(verb(change.event()), body));
                }
            }
        }
        return out;
    }

    /**
     * What {@code nft -j --echo} prints for a command in nft syntax: the changes the kernel echoed, as
     * one document ({@code {"nftables": [{"add": ...}, ...]}}).
     *
     * @param committed what the kernel reported for the transaction
     * @return the document
     */
    public JsonValue echo(NftMonitor.Committed committed) {
        return JsonValue.single("nftables", JsonValue.array(render(committed)));
    }

    private static String verb(NftEvent e) {
        if (!e.added()) {
            return "delete";
        }
        return e instanceof NftEvent.RuleEvent r && !r.appended() ? "insert" : "add";
    }

    private JsonValue body(MonitorEvents.Change change) {
        return switch (change.event()) {
            case NftEvent.TableEvent t -> JsonValue.single("table", json.table(t.table()));
            case NftEvent.ChainEvent c -> JsonValue.single("chain", json.chain(c.chain()));
            case NftEvent.SetEvent s -> JsonValue.single(s.set().isMap() || s.set().isObjectMap() ? "map" : "set",
                    json.set(s.set(), List.of()));
            case NftEvent.ElementsEvent el -> elements(el);
            case NftEvent.RuleEvent r -> change.rule() == null ? null : JsonValue.single("rule", json.rule(change.rule()));
            case NftEvent.Other o -> o.type() == NfTablesUapi.NFT_MSG_NEWOBJ ? json.object(NftObject.decode(o.message()))
                    : o.type() == NfTablesUapi.NFT_MSG_DELOBJ ? json.object(deleted(NftObject.decode(o.message()))) : null;
        };
    }

    /**
     * A deleted object as nft prints it: the kernel's notification of a deletion names the object but carries
     * none of its data, and nft prints the members of an object of that type left at zero (no helper name,
     * protocol 0, the period of rate 0 as {@code "error"}).
     */
    private static NftObject deleted(NftObject o) {
        if (!(o.data() instanceof ObjectDefinition.Raw raw) || raw.data() != null) {
            return o;
        }
        ObjectDefinition empty = switch (raw.type()) {
            case NfTablesUapi.NFT_OBJECT_COUNTER -> new ObjectDefinition.Counter(0, 0);
            case NfTablesUapi.NFT_OBJECT_QUOTA -> new ObjectDefinition.Quota(0, 0, 0);
            case NfTablesUapi.NFT_OBJECT_LIMIT -> new ObjectDefinition.Limit(0, 0, 0, NfTablesUapi.NFT_LIMIT_PKTS, 0);
            case NfTablesUapi.NFT_OBJECT_CT_HELPER -> new ObjectDefinition.CtHelper("(null)", 0, 0);
            case NfTablesUapi.NFT_OBJECT_CT_EXPECT -> new ObjectDefinition.CtExpectation(0, 0, 0, 0, 0);
            case NfTablesUapi.NFT_OBJECT_SYNPROXY -> new ObjectDefinition.Synproxy(0, 0, 0);
            default -> null;
        };
        return empty == null ? o : o.withData(empty);
    }

    private JsonValue elements(NftEvent.ElementsEvent el) {
        NftSet set = events.set(el.family(), el.table(), el.set());
        if (set == null) {
            return null;
        }
        JsonValue listed = json.set(set, el.elements()).get("elem");
        JsonValue.ObjectBuilder b = JsonValue.object().put("family", el.family().nftName()).put("table", el.table())
                .put("name", el.set()).put("elem", JsonValue.single("set", listed == null ? JsonValue.array(List.of()) : listed));
        return JsonValue.single("element", b.build());
    }
}
