package nftlink.nftables.json;

import nftlink.nftables.NftSet;
import nftlink.nftables.expr.Bytes;
import nftlink.nftables.lang.Datatype;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Key types and key layout of sets, as nft reads them from the kernel's numbers. */
final class SetTypes {
    private SetTypes() {
    }

    /** {@code NFT_DATA_VERDICT}, the data type of verdict maps. */
    static final int VERDICT_DATA = 0xffffff00;

    /**
     * The datatypes of a (possibly concatenated) key type number, in order, or
     * {@code null} when one is unknown.
     *
     * @param fields the number of concatenated fields the set declares, or 0 when not declared
     */
    static List<Datatype> keyTypes(int keyType, int fields) {
        List<Datatype> types = new ArrayList<>();
        if (fields <= 1 && Datatype.ofId(keyType) != null) {
            return List.of(Datatype.ofId(keyType));
        }
        int t = keyType;
        do {
            Datatype d = Datatype.ofId(t & 0x3f);
            if (d == null) {
                return null;
            }
            types.addFirst(d);
            t >>>= 6;
        } while (t != 0);
        return types;
    }

    /** Splits a concatenated key into its fields, each padded to 4 bytes in the key. */
    static List<Bytes> split(NftSet set, List<Datatype> key, Bytes bytes) {
        List<Bytes> parts = new ArrayList<>();
        byte[] raw = bytes.toArray();
        int at = 0;
        for (int i = 0; i < key.size(); i++) {
            int length = !set.fieldLengths().isEmpty() ? set.fieldLengths().get(i)
                    : key.size() == 1 ? raw.length : key.get(i).length();
            parts.add(Bytes.of(Arrays.copyOfRange(raw, Math.min(at, raw.length), Math.min(at + length, raw.length))));
            at += key.size() == 1 ? length : (length + 3) & ~3;
        }
        return parts;
    }

    /** {@code v} as a big-endian number of {@code length} bytes. */
    static Bytes bytes(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return Bytes.of(out);
    }
}
