package nftlink.nftables.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Statements to named maps completed from the maps' declarations: whether a map gives
 * {@code ADDRESS . PORT} or address ranges to nat, and what type a map gives to a value set from it
 * ({@code meta priority set ip saddr map @m} is refused for a map to marks), only its declaration says.
 */
public final class NatMapData {

    private NatMapData() {
    }

    /**
     * {@code statements} with each nat to a named map reading the map's data as {@code mapData} gives
     * its types: a map to {@code ADDRESS . PORT}, which only the map's declaration says, gives the port too; a value
     * set from a named map has the map's data type, and is refused where nft refuses that type.
     *
     * @param mapData the data types of a map by name, or {@code null} when unknown
     * @param statements a rule's statements, in order
     * @return the statements with each nat to a named map completed; the others as they were
     */
    public static List<Statement> withNamedMapData(List<Statement> statements,
                                                   Function<String, List<Datatype>> mapData) {
        return withNamedMapData(statements, mapData, name -> false);
    }

    /**
     * As {@link #withNamedMapData(List, Function)}; a map whose data are ranges ({@code
     * : interval ipv4_addr . inet_service}), as {@code dataRanges} says, gives their lows and highs.
     *
     * @param statements a rule's statements, in order
     * @param mapData the data types of a named map, by map name
     * @param dataRanges whether a named map's data are ranges, by map name
     * @return the statements with each nat to a named map completed; the others as they were
     */
    public static List<Statement> withNamedMapData(List<Statement> statements,
                                                   Function<String, List<Datatype>> mapData,
                                                   Predicate<String> dataRanges) {
        if (!looksUpNamedMap(statements)) {
            // most rules: nothing to complete, nothing to copy
            return statements;
        }
        List<Statement> out = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            if (s instanceof Statement.NatStatement n && n.addressSource() instanceof MapLookupField m && m.named() != null
                    && m.dataParts().isEmpty() && !m.dataRanges()) {
                List<Datatype> parts = mapData.apply(m.named());
                boolean address = parts != null && parts.getFirst() == m.datatype()
                        && (parts.size() == 1 || List.of(m.datatype(), Datatype.INET_SERVICE).equals(parts));
                if (address && dataRanges.test(m.named())) {
                    s = new Statement.NatStatement(n.destination(), null, null, null, null, n.flags(),
                            MapLookupField.ranges(m.key(), parts, List.of(), m.named()));
                } else if (List.of(m.datatype(), Datatype.INET_SERVICE).equals(parts)) {
                    s = new Statement.NatStatement(n.destination(), null, null, null, null, n.flags(),
                            MapLookupField.concatenated(m.key(), parts, List.of(), m.named()));
                }
            } else if (s instanceof Statement.SetFromField sf && sf.source() instanceof MapLookupField m && m.named() != null) {
                List<Datatype> parts = mapData.apply(m.named());
                if (parts != null && parts.size() == 1 && parts.getFirst() != m.datatype()) {
                    // the map gives its declared type, which nft checks against the target's
                    s = new Statement.SetFromField(sf.target(), new MapLookupField(m.key(), parts.getFirst(), m.length(),
                            List.of(), m.named()));
                }
            }
            out.add(s);
        }
        return out;
    }

    /** Whether a nat statement or a value set from the packet may look up a named map: what this completes. */
    private static boolean looksUpNamedMap(List<Statement> statements) {
        for (Statement s : statements) {
            if (s instanceof Statement.NatStatement || s instanceof Statement.SetFromField sf && sf.source() instanceof MapLookupField) {
                return true;
            }
        }
        return false;
    }
}
