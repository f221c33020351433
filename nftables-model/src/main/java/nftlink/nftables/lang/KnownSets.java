package nftlink.nftables.lang;

import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;
import nftlink.nftables.SetElement;

import java.util.List;
import java.util.function.Function;

/**
 * What the delinearizer asks about the sets a rule names, answered from the sets and elements a
 * caller knows (a listing, or what a monitor has seen): key and data types, object types, the
 * lengths of concatenated key parts, and the elements of anonymous sets.
 */
final class KnownSets implements Delinearizer.SetContents {

    private final Function<String, NftSet> sets;
    private final Function<String, List<SetElement>> elements;

    /**
     * @param sets the set of that name in the rule's table, or {@code null}
     * @param elements the elements of that set, or {@code null} when not known
     */
    private KnownSets(Function<String, NftSet> sets, Function<String, List<SetElement>> elements) {
        this.sets = sets;
        this.elements = elements;
    }

    /**
     * {@code listed} in the rule language, its set lookups read with what is known of their sets.
     *
     * @param listed a rule as the kernel lists it
     * @param sets the set of a name in the rule's table, or {@code null}
     * @param elements the elements of a set of the rule's table, or {@code null}
     * @return the rule
     */
    static RuleSpec delinearize(Rule listed, Function<String, NftSet> sets, Function<String, List<SetElement>> elements) {
        Rule r = NamedSetLookups.withoutByteOrder(listed, sets);
        return Delinearizer.delinearize(r, new KnownSets(sets, elements));
    }

    @Override
    public List<SetElement> apply(String name) {
        return elements.apply(name);
    }

    @Override
    public int objectType(String name) {
        NftSet s = sets.apply(name);
        return s == null ? 0 : s.objectType();
    }

    @Override
    public int dataType(String name) {
        NftSet s = sets.apply(name);
        return s == null || !s.isMap() ? 0 : s.dataType();
    }

    @Override
    public int keyType(String name) {
        NftSet s = sets.apply(name);
        return s == null ? 0 : s.keyType();
    }

    @Override
    public List<Integer> keyLengths(String name) {
        NftSet s = sets.apply(name);
        if (s == null || !s.fieldLengths().isEmpty()) {
            return s == null ? List.of() : s.fieldLengths();
        }
        // without NFTA_SET_DESC_CONCAT (no intervals), the typeof key says how long its parts are
        Field typeof = s.userdata() == null ? null : SetTypeof.field(SetUserdata.decode(s.userdata()).keyTypeof());
        return typeof instanceof ConcatField c ? c.fieldLengths() : List.of();
    }
}
