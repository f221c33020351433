package nftlink.nftables.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mutates a real netlink message the ways that reach decoders: raw byte changes
 * and truncation (lengths left inconsistent), and changes to one attribute of
 * the attribute tree that keep every length consistent (empty, overlong, short,
 * random or retyped payloads; dropped or repeated attributes), so a decoder sees
 * well-formed netlink carrying hostile content.
 */
final class MessageMutator {

    /** What a mutation does. */
    enum Kind {
        FLIP_BYTE, SET_BYTE, TRUNCATE, ATTR_EMPTY, ATTR_NUL, ATTR_OVERLONG, ATTR_SHORT, ATTR_RANDOM, ATTR_TYPE,
        ATTR_DROP, ATTR_REPEAT
    }

    /**
     * One mutation: {@code where} picks the byte or the attribute (modulo their
     * count), {@code value} the new byte, length or type.
     */
    record Mutation(Kind kind, int where, int value) {
    }

    private static final int NLMSG_HDRLEN = 16;
    private static final int NFGENMSG_LEN = 4;
    private static final int NLA_F_NESTED = 0x8000;

    private MessageMutator() {
    }

    /** {@code message} with {@code mutations} applied in order. */
    static byte[] apply(byte[] message, List<Mutation> mutations) {
        byte[] m = message;
        for (Mutation mutation : mutations) {
            m = apply(m, mutation);
        }
        return m;
    }

    private static byte[] apply(byte[] m, Mutation mu) {
        return switch (mu.kind()) {
            case FLIP_BYTE -> {
                byte[] c = m.clone();
                c[Math.floorMod(mu.where(), c.length)] ^= (byte) (1 << Math.floorMod(mu.value(), 8));
                yield c;
            }
            case SET_BYTE -> {
                byte[] c = m.clone();
                c[Math.floorMod(mu.where(), c.length)] = (byte) mu.value();
                yield c;
            }
            case TRUNCATE -> {
                int keep = Math.max(NLMSG_HDRLEN, Math.floorMod(mu.where(), m.length + 1));
                byte[] c = Arrays.copyOf(m, Math.min(keep, m.length));
                if ((mu.value() & 1) == 0) {
                    putU32(c, 0, c.length);
                }
                yield c;
            }
            default -> mutateAttribute(m, mu);
        };
    }

    /** An attribute and, when its payload parses as attributes, its children. */
    private static final class Node {
        int type;
        byte[] payload;
        List<Node> children;
    }

    private static byte[] mutateAttribute(byte[] m, Mutation mu) {
        if (m.length < NLMSG_HDRLEN + NFGENMSG_LEN) {
            return m;
        }
        List<Node> top = parse(m, NLMSG_HDRLEN + NFGENMSG_LEN, m.length, 0);
        if (top == null || top.isEmpty()) {
            return m;
        }
        List<List<Node>> owners = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        collect(top, owners, indexes);
        int pick = Math.floorMod(mu.where(), owners.size());
        List<Node> owner = owners.get(pick);
        int index = indexes.get(pick);
        Node n = owner.get(index);
        switch (mu.kind()) {
            case ATTR_EMPTY -> replace(n, new byte[0]);
            case ATTR_NUL -> replace(n, new byte[1]);
            case ATTR_OVERLONG -> {
                byte[] p = new byte[256 + Math.floorMod(mu.value(), 300)];
                Arrays.fill(p, (byte) 'a');
                p[p.length - 1] = 0;
                replace(n, p);
            }
            case ATTR_SHORT -> replace(n, Arrays.copyOf(flatten(n), Math.floorMod(mu.value(), Math.max(1, flatten(n).length))));
            case ATTR_RANDOM -> {
                byte[] p = new byte[Math.floorMod(mu.value(), 41)];
                long seed = mu.value() * 0x9E3779B97F4A7C15L;
                for (int i = 0; i < p.length; i++) {
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    p[i] = (byte) (seed >>> 56);
                }
                replace(n, p);
            }
            case ATTR_TYPE -> n.type = (n.type & NLA_F_NESTED) | Math.floorMod(mu.value(), 40);
            case ATTR_DROP -> owner.remove(index);
            case ATTR_REPEAT -> owner.add(index, n);
            default -> throw new IllegalArgumentException(mu.kind().name());
        }
        byte[] attributes = serialize(top);
        byte[] out = Arrays.copyOf(m, NLMSG_HDRLEN + NFGENMSG_LEN + attributes.length);
        System.arraycopy(attributes, 0, out, NLMSG_HDRLEN + NFGENMSG_LEN, attributes.length);
        putU32(out, 0, out.length);
        return out;
    }

    private static void replace(Node n, byte[] payload) {
        n.payload = payload;
        n.children = null;
    }

    private static void collect(List<Node> nodes, List<List<Node>> owners, List<Integer> indexes) {
        for (int i = 0; i < nodes.size(); i++) {
            owners.add(nodes);
            indexes.add(i);
            if (nodes.get(i).children != null) {
                collect(nodes.get(i).children, owners, indexes);
            }
        }
    }

    /** The attributes in {@code [from, to)}, or {@code null} when the range is not exactly a list of attributes. */
    private static List<Node> parse(byte[] b, int from, int to, int depth) {
        List<Node> out = new ArrayList<>();
        int at = from;
        while (at < to) {
            if (to - at < 4) {
                return null;
            }
            int length = u16(b, at);
            if (length < 4 || at + length > to) {
                return null;
            }
            Node n = new Node();
            n.type = u16(b, at + 2);
            n.payload = Arrays.copyOfRange(b, at + 4, at + length);
            if (depth < 8 && length > 4 && ((n.type & NLA_F_NESTED) != 0 || length >= 8)) {
                n.children = parse(b, at + 4, at + length, depth + 1);
            }
            out.add(n);
            at += (length + 3) & ~3;
        }
        return at == to ? out : null;
    }

    private static byte[] flatten(Node n) {
        return n.children == null ? n.payload : serialize(n.children);
    }

    private static byte[] serialize(List<Node> nodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : nodes) {
            byte[] payload = flatten(n);
            byte[] header = new byte[4];
            ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).putShort((short) (4 + payload.length)).putShort((short) n.type);
            out.writeBytes(header);
            out.writeBytes(payload);
            out.writeBytes(new byte[((payload.length + 3) & ~3) - payload.length]);
        }
        return out.toByteArray();
    }

    private static int u16(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 2).order(ByteOrder.nativeOrder()).getShort() & 0xffff;
    }

    private static void putU32(byte[] b, int at, int value) {
        ByteBuffer.wrap(b, at, 4).order(ByteOrder.nativeOrder()).putInt(value);
    }
}
