package nftlink.nftables.json;

import nftlink.nftables.Family;
import nftlink.nftables.NftSet;
import nftlink.nftables.parse.CgroupPathResolver;
import nftlink.nftables.parse.InterfaceResolver;
import nftlink.nftables.parse.SetLookup;

import java.util.Objects;
import java.util.function.Function;

/**
 * What the readers of one {@link JsonParser} share: the resolvers of cgroup paths, undeclared sets and
 * interface names, the sets the rule being read may name, the set its constants are read for, and the
 * readers themselves, which call each other through it.
 */
final class JsonParseContext {

    /** Resolves the paths of {@code socket cgroupv2} matches to cgroup IDs. */
    final CgroupPathResolver cgroups;
    /** Finds sets that a document names without declaring them. */
    final SetLookup sets;
    /** Resolves interface names in values and devices. */
    final InterfaceResolver interfaces;

    /** The sets a rule being read may name: declared in the document, or known; by name. */
    Function<String, NftSet> ruleSets = name -> null;

    /** The set (its name) a concatenation being read is looked up in or added to: its key types read constants. */
    String constantsSet;

    /** The family of the table of the rule being read: it types the generic ct address keys; {@code null} outside rules. */
    Family ruleFamily;

    /** The readers, one per domain; they find each other here. */
    final JsonCommandReader commands = new JsonCommandReader(this);
    final JsonStatementReader statements = new JsonStatementReader(this);
    final JsonMatchReader matches = new JsonMatchReader(this);
    final JsonMapReader maps = new JsonMapReader(this);
    final JsonFieldReader fields = new JsonFieldReader(this);
    final JsonBinopReader binops = new JsonBinopReader(this);
    final JsonValueReader values = new JsonValueReader(this);
    final JsonForwardReader forwards = new JsonForwardReader(this);
    final JsonMangleReader mangles = new JsonMangleReader(this);
    final JsonNatReader nats = new JsonNatReader(this);
    /** Reads set and map declarations and elements. */
    final JsonSets jsonSets = new JsonSets((field, node) -> values.setItem(field, node),
            (family, node) -> statements.statement(family, node), node -> fields.field(node),
            this::interfaceIndex);

    JsonParseContext(CgroupPathResolver cgroups, SetLookup sets, InterfaceResolver interfaces) {
        this.cgroups = Objects.requireNonNull(cgroups, "cgroups");
        this.sets = Objects.requireNonNull(sets, "sets");
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
    }

    /** The index of the interface {@code name} in the namespace rules are read for, or the number it writes. */
    private int interfaceIndex(String name) {
        return interfaces.indexOrNumber(name);
    }

    /** The parts of the key ({@code key}) or data of the set constants are read for; {@code null} when unknown. */
    JsonConstants.Parts constantsParts(boolean key) {
        NftSet set = constantsSet == null ? null : ruleSets.apply(constantsSet);
        if (set == null || !key && !set.isMap()) {
            return null;
        }
        return key ? JsonConstants.key(set) : JsonConstants.data(set);
    }
}
