package nftlink.nftables.parse;

import nftlink.nftables.NfTables;
import nftlink.nftables.NftSet;
import nftlink.nftables.lang.Datatype;

import java.util.ArrayList;
import java.util.List;

/**
 * What the elements of a set or map look like: key parts, data part (or verdicts)
 * and whether it holds intervals.
 *
 * @param key       the key's parts (several for a concatenation)
 * @param data      the data type of a data map, or {@code null}
 * @param verdicts  whether it is a verdict map
 * @param interval  whether it holds intervals
 */
record SetShape(List<Values.Part> key, Values.Part data, List<Values.Part> dataRest, boolean verdicts, boolean interval) {

    SetShape(List<Values.Part> key, Values.Part data, boolean verdicts, boolean interval) {
        this(key, data, List.of(), verdicts, interval);
    }

    /** The data's parts: one, or several for concatenated data ({@code ipv4_addr . inet_service}). */
    List<Values.Part> dataParts() {
        List<Values.Part> parts = new ArrayList<>();
        parts.add(data);
        parts.addAll(dataRest);
        return parts;
    }

    /** The set data type ID: a concatenation's is its parts' IDs, 6 bits each. */
    int dataTypeId() {
        return Datatype.concatenationId(dataParts().stream().map(Values.Part::type).toList());
    }

    int dataLength() {
        return dataRest.isEmpty() ? data.length() : dataParts().stream().mapToInt(p -> (p.length() + 3) & ~3).sum();
    }

    boolean isMap() {
        return verdicts || data != null;
    }

    int keyType() {
        return Datatype.concatenationId(key.stream().map(Values.Part::type).toList());
    }

    int keyLength() {
        if (key.size() == 1) {
            return key.getFirst().length();
        }
        return key.stream().mapToInt(p -> (p.length() + 3) & ~3).sum();
    }

    static Values.Part part(Datatype d) {
        return new Values.Part(d, d.length(), false, d == Datatype.CT_STATE);
    }

    /** The shape of a set the kernel (or someone else) declared. */
    static SetShape of(NftSet set) {
        List<Values.Part> key = new ArrayList<>();
        int type = set.keyType();
        int count = Math.max(1, set.fieldLengths().size());
        if (set.fieldLengths().isEmpty() && type > 63) {
            count = 0;
            for (int t = type; t != 0; t >>>= 6) {
                count++;
            }
        }
        for (int i = count - 1; i >= 0; i--) {
            Datatype d = Datatype.ofId(count == 1 ? type : (type >>> (6 * i)) & 63);
            if (d == null) {
                throw new IllegalArgumentException("set " + set.name() + " has a key type nftlink does not know ("
                        + set.keyType() + ")");
            }
            int length = set.fieldLengths().isEmpty() ? (count == 1 ? set.keyLength() : d.length())
                    : set.fieldLengths().get(count - 1 - i);
            key.add(new Values.Part(d, length, false, d == Datatype.CT_STATE));
        }
        boolean verdicts = set.isMap() && set.dataType() == 0xffffff00;
        Values.Part data = null;
        List<Values.Part> rest = new ArrayList<>();
        if (set.isMap() && !verdicts) {
            List<Datatype> types = Datatype.parts(set.dataType());
            if (types == null) {
                throw new IllegalArgumentException("map " + set.name() + " has a data type nftlink does not know ("
                        + set.dataType() + ")");
            }
            for (Datatype d : types) {
                Values.Part part = new Values.Part(d, types.size() == 1 ? set.dataLength() : d.length(), false, false);
                if (data == null) {
                    data = part;
                } else {
                    rest.add(part);
                }
            }
        }
        return new SetShape(key, data, rest, verdicts, (set.flags() & NfTables.NFT_SET_INTERVAL) != 0);
    }
}
