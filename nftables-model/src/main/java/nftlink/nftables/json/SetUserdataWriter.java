package nftlink.nftables.json;

import nftlink.nftables.NfTables;
import nftlink.nftables.lang.Datatype;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The userdata nft stores with a set: key and data byte order and the comment, as libnftnl TLVs. */
final class SetUserdataWriter {
    private SetUserdataWriter() {
    }

    private static final int KEYBYTEORDER = 0;
    private static final int DATABYTEORDER = 1;

    /** A named set's userdata. */
    static byte[] of(List<Datatype> key, Datatype data, boolean verdicts, String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, KEYBYTEORDER, key.size() > 1 ? 0 : byteOrder(key.getFirst()));
        if (verdicts || data != null) {
            u32(out, DATABYTEORDER, verdicts ? 0 : byteOrder(data));
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

    /** An anonymous set's userdata: byte orders only. */
    static byte[] byteOrder(List<Datatype> key, Datatype data, boolean map) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, KEYBYTEORDER, key == null || key.size() > 1 ? 0 : byteOrder(key.getFirst()));
        if (map) {
            u32(out, DATABYTEORDER, data == null ? 0 : byteOrder(data));
        }
        return out.toByteArray();
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
