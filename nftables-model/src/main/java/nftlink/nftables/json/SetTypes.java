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

    /** Splits a concatenated key into its fields, each padded to 4 bytes in the key. */
    static List<Bytes> split(NftSet set, List<Datatype> key, Bytes bytes) {
        List<Bytes> parts = new ArrayList<>();
        byte[] raw = bytes.toArray();
        int at = 0;
        for (int i = 0; i < key.size(); i++) {
            int length = i < set.fieldLengths().size() ? Math.max(0, set.fieldLengths().get(i))
                    : key.size() == 1 ? raw.length : key.get(i).length();
            parts.add(Bytes.of(Arrays.copyOfRange(raw, Math.min(at, raw.length), Math.min(at + length, raw.length))));
            at += key.size() == 1 ? length : (length + 3) & ~3;
        }
        return parts;
    }
}
