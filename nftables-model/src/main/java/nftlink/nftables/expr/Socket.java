package nftlink.nftables.expr;

import nftlink.netlink.AttributeTable;
import nftlink.netlink.Attributes;
import nftlink.netlink.MessageWriter;

import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.NFTA_SOCKET_DREG;
import static nftlink.nftables.NfTablesUapi.NFTA_SOCKET_KEY;
import static nftlink.nftables.NfTablesUapi.NFTA_SOCKET_LEVEL;
import static nftlink.nftables.NfTablesUapi.NFTA_SOCKET_MAX;

/**
 * {@code socket}: loads a property of the local socket the packet belongs to into a
 * register, e.g. {@code socket cgroupv2 level 2 "system.slice/postfix.service"}
 * loads the 8-byte ID of the socket's cgroup ancestor at level 2.
 *
 * <p>libnftnl does not print the level: {@code [ socket load cgroupv2 => reg 1 ]},
 * so text parsed back has no level ({@code null}).
 *
 * @param key   what to load
 * @param dreg  the register
 * @param level the cgroup-v2 ancestor level ({@code NFTA_SOCKET_LEVEL}, only for
 *              {@link Key#CGROUPV2}), or {@code null} when the attribute is absent
 */
public record Socket(Key key, int dreg, Integer level) implements Expression {

    public static final Expressions.ExpressionType TYPE = new Expressions.ExpressionType("socket", Socket::decode, Socket::parse);

    /** {@code enum nft_socket_keys}, with libnftnl's names and the register bytes each fills. */
    public enum Key implements LoadKey {
        /** {@code socket transparent}: whether the socket has {@code IP_TRANSPARENT} set. */
        TRANSPARENT("transparent", 1),
        /** {@code socket mark}: the socket's {@code SO_MARK}. */
        MARK("mark", 4),
        /** {@code socket wildcard}: whether the socket is bound to a wildcard address. */
        WILDCARD("wildcard", 1),
        /** {@code socket cgroupv2 level N}: the cgroup v2 ID of the socket's cgroup ancestor at a level. */
        CGROUPV2("cgroupv2", 8);

        private final KernelName kernelName;

        Key(String text, int length) {
            kernelName = new KernelName(text, ordinal(), length);
        }

        /** libnftnl's name, the kernel's number and the register bytes of this constant. */
        public KernelName kernelName() {
            return kernelName;
        }
    }

    /** Checks the component: {@code key} must not be null. */
    public Socket {
        Objects.requireNonNull(key, "key");
    }

    /**
     * A load without level (every key but {@link Key#CGROUPV2}).
     *
     * @param key the socket key
     * @param dreg the destination register
     */
    public Socket(Key key, int dreg) {
        this(key, dreg, null);
    }

    /**
     * {@code socket cgroupv2 level LEVEL}: the ID of the socket's cgroup ancestor at {@code level}.
     *
     * @param level the ancestor's level, from 0 for the root
     * @param dreg the destination register
     * @return the expression
     */
    public static Socket cgroupv2(int level, int dreg) {
        return new Socket(Key.CGROUPV2, dreg, level);
    }

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public void writeData(MessageWriter w) {
        w.attrU32Be(NFTA_SOCKET_KEY, key.number());
        w.attrU32Be(NFTA_SOCKET_DREG, dreg);
        if (level != null) {
            w.attrU32Be(NFTA_SOCKET_LEVEL, level);
        }
    }

    @Override
    public void appendDebug(StringBuilder sb) {
        sb.append("socket load ").append(key.text()).append(" => reg ").append(dreg);
    }

    private static Socket decode(Attributes attributes) {
        AttributeTable tb = attributes.byType(NFTA_SOCKET_MAX);
        return new Socket(KernelEnum.byNumber(Key.class, tb.require(NFTA_SOCKET_KEY).u32Be()),
                tb.require(NFTA_SOCKET_DREG).u32Be(), tb.u32Be(NFTA_SOCKET_LEVEL));
    }

    private static Socket parse(DebugReader r) {
        r.expect("load");
        Key key = r.constant(Key.class);
        int dreg = r.loadInto(key.length());
        return new Socket(key, dreg, null);
    }
}
