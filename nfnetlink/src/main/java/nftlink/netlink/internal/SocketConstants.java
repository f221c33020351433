package nftlink.netlink.internal;

/** Socket-level constants for x86_64/aarch64 Linux. */
public final class SocketConstants {
    private SocketConstants() {
    }

    // <bits/socket.h>, <linux/socket.h>
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    // <asm-generic/socket.h>
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;

    // <linux/netlink.h>: SOL_NETLINK options
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_NO_ENOBUFS = 5;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;

    /** {@code sizeof(struct sockaddr_nl)}: family u16, pad u16, pid u32, groups u32. */
    public static final int SOCKADDR_NL_SIZE = 12;

    // <sched.h>
    public static final int CLONE_NEWNET = 0x40000000;

    // <fcntl.h>
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;

    // <poll.h>
    public static final short POLLIN = 0x1;

    // <sys/mount.h>
    public static final long MS_BIND = 4096;
    public static final int MNT_DETACH = 2;
}
