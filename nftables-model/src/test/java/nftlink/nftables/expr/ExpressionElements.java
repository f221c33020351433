package nftlink.nftables.expr;

import nftlink.netlink.Attribute;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.Netlink;

import java.util.Arrays;
import java.util.List;

import static nftlink.nftables.NfTablesUapi.NFTA_EXPR_DATA;
import static nftlink.nftables.NfTablesUapi.NFTA_EXPR_NAME;
import static nftlink.nftables.NfTablesUapi.NFTA_LIST_ELEM;
import static org.assertj.core.api.Assertions.assertThat;

/** Expressions as the {@code NFTA_LIST_ELEM} attributes rules carry them, for the property tests. */
final class ExpressionElements {
    private ExpressionElements() {
    }

    /** {@code e} encoded as a list element. */
    static byte[] element(Expression e) {
        MessageWriter w = new MessageWriter(256);
        Expressions.writeElement(w, e);
        return w.toByteArray();
    }

    /** The expression in a list element. */
    static Expression decode(byte[] element) {
        Attribute elem = Attributes.parse(element).list().getFirst();
        return Expressions.decode(elem);
    }

    /** An element named {@code name} whose NFTA_EXPR_DATA holds {@code data} as is. */
    static byte[] withData(String name, byte[] data) {
        MessageWriter w = new MessageWriter(256);
        int elem = w.beginNested(NFTA_LIST_ELEM, false);
        w.attrString(NFTA_EXPR_NAME, name);
        w.attrBytes(NFTA_EXPR_DATA, data);
        w.endNested(elem);
        return w.toByteArray();
    }

    /** An element named {@code name} without NFTA_EXPR_DATA. */
    static byte[] withoutData(String name) {
        MessageWriter w = new MessageWriter(64);
        int elem = w.beginNested(NFTA_LIST_ELEM, false);
        w.attrString(NFTA_EXPR_NAME, name);
        w.endNested(elem);
        return w.toByteArray();
    }

    /**
     * {@code e}'s element with one more attribute at the end of its data: {@code extra}, or a
     * second copy of the first attribute when {@code extra} is null ({@code null} when there is none).
     */
    static byte[] withMore(Expression e, byte[] extra) {
        MessageWriter w = new MessageWriter(256);
        e.writeData(w);
        byte[] data = w.toByteArray();
        byte[] more = extra;
        if (more == null) {
            if (data.length == 0) {
                return null;
            }
            int length = (data[0] & 0xff) | (data[1] & 0xff) << 8;
            more = Arrays.copyOf(data, Netlink.align(length));
        }
        return withData(e.name(), concat(List.of(data, more)));
    }

    /** One attribute of {@code type} holding {@code value}. */
    static byte[] attribute(int type, byte[] value) {
        MessageWriter w = new MessageWriter(64);
        w.attrBytes(type, value);
        return w.toByteArray();
    }

    /** The attributes one after another, as an attribute list. */
    static byte[] concat(List<byte[]> attributes) {
        int size = attributes.stream().mapToInt(b -> b.length).sum();
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] b : attributes) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    /** {@code element} decodes to a raw expression that writes it back byte for byte. */
    static void assertKeptRaw(byte[] element) {
        Expression decoded = decode(element);
        assertThat(decoded).isInstanceOf(RawExpression.class);
        assertThat(element(decoded)).isEqualTo(element);
    }
}
