package nftlink.nftables.parse;

import nftlink.nftables.NfTables;
import nftlink.nftables.lang.Datatype;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The userdata nft stores with a named set: key (and data) byte order, the
 * auto-merge flag and the comment, as libnftnl TLVs.
 */
final class SetUserdata {
    private SetUserdata() {
    }

    private static final int KEYBYTEORDER = 0;
    private static final int DATABYTEORDER = 1;
    private static final int MERGE_ELEMENTS = 2;

    static byte[] of(List<Values.Part> key, Values.Part data, boolean verdicts, boolean autoMerge, String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, KEYBYTEORDER, key.size() > 1 ? 0 : byteOrder(key.getFirst().type()));
        if (verdicts || data != null) {
            u32(out, DATABYTEORDER, verdicts ? 0 : byteOrder(data.type()));
        }
        if (autoMerge) {
            u32(out, MERGE_ELEMENTS, 1);
        }
        if (comment != null) {
            byte[] text = comment.getBytes(StandardCharsets.UTF_8);
            if (text.length + 1 > 252) {
                throw new IllegalArgumentException("comment too long (" + text.length + " bytes)");
            }
            out.write(NfTables.NFTNL_UDATA_SET_COMMENT);
            out.write(text.length + 1);
            out.writeBytes(text);
            out.write(0);
        }
        return out.toByteArray();
    }

    /**
     * {@code set} with the key (and data) byte order in its userdata, as nft sends it
     * for anonymous sets too; without it nft lists host-order keys such as interface
     * names byte-swapped. Sets that have userdata already are returned as they are.
     */
    static nftlink.nftables.NftSet withByteOrder(nftlink.nftables.NftSet set) {
        if (set.userdata() != null) {
            return set;
        }
        Datatype key = Datatype.ofId(set.keyType());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, KEYBYTEORDER, key == null ? 0 : byteOrder(key));
        if (set.isMap()) {
            Datatype data = set.dataType() == 0xffffff00 ? null : Datatype.ofId(set.dataType());
            u32(out, DATABYTEORDER, data == null ? 0 : byteOrder(data));
        }
        return set.withUserdata(out.toByteArray());
    }

    /** nft's byte order: 1 for host order, 2 for network order. */
    private static int byteOrder(Datatype d) {
        return d.hostOrder() ? 1 : 2;
    }

    private static void u32(ByteArrayOutputStream out, int type, int value) {
        out.write(type);
        out.write(4);
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }
}
