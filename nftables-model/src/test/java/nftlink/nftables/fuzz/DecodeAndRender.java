package nftlink.nftables.fuzz;

import nftlink.netlink.Attribute;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.Chain;
import nftlink.nftables.Flowtable;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;
import nftlink.nftables.Table;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.json.JsonValue;
import nftlink.nftables.lang.Delinearizer;
import nftlink.nftables.lang.FlowtableRenderer;
import nftlink.nftables.lang.ObjectRenderer;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.SetRenderer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * Everything the library does with a listed message: decode it into its kernel
 * object, delinearize a rule into the rule language, and render the result as
 * nft text and as nft JSON (and a rule also as {@code --debug=netlink} text).
 * Rules look their sets up in a context of sets and elements decoded from the
 * same corpus, as a listing does.
 */
final class DecodeAndRender {

    /** Elements kept per set name: sets of the same name from different rule sets share one list. */
    private static final int MAX_CONTEXT_ELEMENTS = 64;

    private final Map<String, NftSet> sets = new HashMap<>();
    private final Map<String, List<SetElement>> elements = new HashMap<>();

    /** A context from unmutated messages (the sets and elements among them). */
    DecodeAndRender(List<byte[]> context) {
        for (byte[] bytes : context) {
            NetlinkMessage m = NetlinkMessage.parseOne(bytes);
            switch (Nfnetlink.messageOf(m.type())) {
                case NFT_MSG_NEWSET -> {
                    NftSet s = NftSet.decode(m);
                    sets.putIfAbsent(s.name(), s);
                }
                case NFT_MSG_NEWSETELEM -> {
                    List<SetElement> known = elements.computeIfAbsent(setName(m), k -> new ArrayList<>());
                    for (SetElement e : elementsOf(m)) {
                        if (known.size() < MAX_CONTEXT_ELEMENTS) {
                            known.add(e);
                        }
                    }
                }
                default -> { }
            }
        }
    }

    /**
     * Decodes and renders {@code bytes}; returns the total length of the texts, so
     * nothing is optimized away. Throws whatever the library throws.
     */
    int run(byte[] bytes) {
        NetlinkMessage m = NetlinkMessage.parseOne(bytes);
        if (Nfnetlink.subsystemOf(m.type()) != Nfnetlink.NFNL_SUBSYS_NFTABLES) {
            return 0;
        }
        return switch (Nfnetlink.messageOf(m.type())) {
            case NFT_MSG_NEWTABLE -> {
                Table t = Table.decode(m);
                yield NftFormatter.DEFAULT.table(t, List.of()).length() + JsonRenderer.DEFAULT.table(t).toJson().length();
            }
            case NFT_MSG_NEWCHAIN -> {
                Chain c = Chain.decode(m);
                Table t = Table.of(c.family(), c.table());
                yield NftFormatter.DEFAULT.table(t, List.of(c)).length()
                        + new NftFormatter(true, true).table(t, List.of(c)).length()
                        + JsonRenderer.DEFAULT.chain(c).toJson().length();
            }
            case NFT_MSG_NEWRULE -> rule(Rule.decode(m));
            case NFT_MSG_NEWSET -> {
                NftSet s = NftSet.decode(m);
                List<SetElement> e = elements.getOrDefault(s.name(), List.of());
                yield SetRenderer.render(s, e, true).length() + JsonRenderer.DEFAULT.set(s, e).toJson().length();
            }
            case NFT_MSG_NEWSETELEM -> {
                String name = setName(m);
                List<SetElement> e = elementsOf(m);
                NftSet s = sets.get(name);
                yield s == null ? e.size() : SetRenderer.render(s, e).length() + JsonRenderer.DEFAULT.set(s, e).toJson().length();
            }
            case NFT_MSG_NEWOBJ -> {
                NftObject o = NftObject.decode(m);
                JsonValue json = JsonRenderer.DEFAULT.object(o);
                yield ObjectRenderer.render(o, true).length() + (json == null ? 0 : json.toJson().length());
            }
            case NFT_MSG_NEWFLOWTABLE -> {
                Flowtable f = Flowtable.decode(m);
                yield FlowtableRenderer.render(f, true, false).length() + JsonRenderer.DEFAULT.flowtable(f).toJson().length();
            }
            default -> 0;
        };
    }

    private int rule(Rule rule) {
        RuleSpec spec = Delinearizer.delinearize(rule, new Delinearizer.SetContents() {
            @Override
            public List<SetElement> apply(String name) {
                return elements.get(name);
            }

            @Override
            public int objectType(String name) {
                NftSet s = sets.get(name);
                return s == null ? 0 : s.objectType();
            }

            @Override
            public int dataType(String name) {
                NftSet s = sets.get(name);
                return s == null || !s.isMap() ? 0 : s.dataType();
            }
        });
        return rule.toDebugString().length() + RuleRenderer.DEFAULT.render(spec).length()
                + JsonRenderer.DEFAULT.rule(spec).toJson().length();
    }

    private static String setName(NetlinkMessage m) {
        for (Attribute a : m.attributes(Nfnetlink.NFGENMSG_LEN)) {
            if (a.type() == NFTA_SET_ELEM_LIST_SET) {
                return a.string();
            }
        }
        return "";
    }

    private static List<SetElement> elementsOf(NetlinkMessage m) {
        List<SetElement> out = new ArrayList<>();
        for (Attribute a : m.attributes(Nfnetlink.NFGENMSG_LEN)) {
            if (a.type() == NFTA_SET_ELEM_LIST_ELEMENTS) {
                for (Attribute e : a.nested()) {
                    out.add(SetElement.decode(e));
                }
            }
        }
        return out;
    }
}
