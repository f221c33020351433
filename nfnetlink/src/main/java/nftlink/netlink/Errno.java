package nftlink.netlink;

/**
 * Linux error numbers, with the names of {@code <asm-generic/errno-base.h>} and
 * {@code <asm-generic/errno.h>} and the texts of the C library's {@code strerror}.
 *
 * <p>The kernel answers netlink requests with negated values of these; a few
 * kernel-internal codes ({@code ENOTSUPP} = 524 among them) can leak out of some
 * subsystems and are listed too so they still get a name.
 */
public enum Errno {
    /**
     * EPERM: operation not permitted; netlink: the caller lacks {@code CAP_NET_ADMIN} over the namespace; nf_tables:
     * the table is owned by another process ({@code NFT_TABLE_F_OWNER}).
     */
    EPERM(1, "Operation not permitted"),
    /** ENOENT: no such file or directory; nf_tables: the table, chain, set, element or object named does not exist. */
    ENOENT(2, "No such file or directory"),
    /** ESRCH: no such process; rtnetlink: the route to delete does not exist. */
    ESRCH(3, "No such process"),
    /** EINTR: interrupted system call; a blocking call was interrupted by a signal. */
    EINTR(4, "Interrupted system call"),
    /** EIO: input/output error. */
    EIO(5, "Input/output error"),
    /** ENXIO: no such device or address. */
    ENXIO(6, "No such device or address"),
    /** E2BIG: argument list too long. */
    E2BIG(7, "Argument list too long"),
    /** ENOEXEC: exec format error. */
    ENOEXEC(8, "Exec format error"),
    /** EBADF: bad file descriptor; the socket was already closed. */
    EBADF(9, "Bad file descriptor"),
    /** ECHILD: no child processes. */
    ECHILD(10, "No child processes"),
    /**
     * EAGAIN: resource temporarily unavailable; a non-blocking socket has nothing to read yet, or a receive timeout
     * expired.
     */
    EAGAIN(11, "Resource temporarily unavailable"),
    /** ENOMEM: cannot allocate memory; the kernel could not allocate memory for the object. */
    ENOMEM(12, "Cannot allocate memory"),
    /** EACCES: permission denied; a file (a namespace file, a cgroup file) may not be opened. */
    EACCES(13, "Permission denied"),
    /** EFAULT: bad address. */
    EFAULT(14, "Bad address"),
    /** ENOTBLK: block device required. */
    ENOTBLK(15, "Block device required"),
    /**
     * EBUSY: device or resource busy; nf_tables: the object is still in use (a chain with rules or jumped to, a set a
     * rule refers to); cgroup: the cgroup still has processes or children.
     */
    EBUSY(16, "Device or resource busy"),
    /**
     * EEXIST: file exists; nf_tables: an object of that name (or an element with that key) already exists and the
     * request said {@code NLM_F_EXCL} (nft {@code create}).
     */
    EEXIST(17, "File exists"),
    /** EXDEV: invalid cross-device link. */
    EXDEV(18, "Invalid cross-device link"),
    /**
     * ENODEV: no such device; a device named does not exist: the interface of a netdev chain or flowtable, or an
     * rtnetlink link.
     */
    ENODEV(19, "No such device"),
    /** ENOTDIR: not a directory. */
    ENOTDIR(20, "Not a directory"),
    /** EISDIR: is a directory. */
    EISDIR(21, "Is a directory"),
    /** EINVAL: invalid argument; a malformed, missing or inconsistent attribute; the extended ACK usually names it. */
    EINVAL(22, "Invalid argument"),
    /** ENFILE: too many open files in system; nf_tables: the set is full, its {@code size} is reached. */
    ENFILE(23, "Too many open files in system"),
    /** EMFILE: too many open files; the process has no free file descriptor. */
    EMFILE(24, "Too many open files"),
    /** ENOTTY: inappropriate ioctl for device. */
    ENOTTY(25, "Inappropriate ioctl for device"),
    /** ETXTBSY: text file busy. */
    ETXTBSY(26, "Text file busy"),
    /** EFBIG: file too large. */
    EFBIG(27, "File too large"),
    /** ENOSPC: no space left on device. */
    ENOSPC(28, "No space left on device"),
    /** ESPIPE: illegal seek. */
    ESPIPE(29, "Illegal seek"),
    /** EROFS: read-only file system. */
    EROFS(30, "Read-only file system"),
    /** EMLINK: too many links; nf_tables: jumps nest deeper than the kernel's jump stack allows. */
    EMLINK(31, "Too many links"),
    /** EPIPE: broken pipe. */
    EPIPE(32, "Broken pipe"),
    /** EDOM: numerical argument out of domain. */
    EDOM(33, "Numerical argument out of domain"),
    /**
     * ERANGE: numerical result out of range; a value lies outside the range the kernel accepts, e.g. a register or
     * length past the register space.
     */
    ERANGE(34, "Numerical result out of range"),
    /** EDEADLK: resource deadlock avoided. */
    EDEADLK(35, "Resource deadlock avoided"),
    /** ENAMETOOLONG: file name too long. */
    ENAMETOOLONG(36, "File name too long"),
    /** ENOLCK: no locks available. */
    ENOLCK(37, "No locks available"),
    /** ENOSYS: function not implemented. */
    ENOSYS(38, "Function not implemented"),
    /** ENOTEMPTY: directory not empty. */
    ENOTEMPTY(39, "Directory not empty"),
    /** ELOOP: too many levels of symbolic links; nf_tables: the jumps and gotos would form a loop among chains. */
    ELOOP(40, "Too many levels of symbolic links"),
    /** ENOMSG: no message of desired type. */
    ENOMSG(42, "No message of desired type"),
    /** EIDRM: identifier removed. */
    EIDRM(43, "Identifier removed"),
    /** ECHRNG: channel number out of range. */
    ECHRNG(44, "Channel number out of range"),
    /** EL2NSYNC: level 2 not synchronized. */
    EL2NSYNC(45, "Level 2 not synchronized"),
    /** EL3HLT: level 3 halted. */
    EL3HLT(46, "Level 3 halted"),
    /** EL3RST: level 3 reset. */
    EL3RST(47, "Level 3 reset"),
    /** ELNRNG: link number out of range. */
    ELNRNG(48, "Link number out of range"),
    /** EUNATCH: protocol driver not attached. */
    EUNATCH(49, "Protocol driver not attached"),
    /** ENOCSI: no CSI structure available. */
    ENOCSI(50, "No CSI structure available"),
    /** EL2HLT: level 2 halted. */
    EL2HLT(51, "Level 2 halted"),
    /** EBADE: invalid exchange. */
    EBADE(52, "Invalid exchange"),
    /** EBADR: invalid request descriptor. */
    EBADR(53, "Invalid request descriptor"),
    /** EXFULL: exchange full. */
    EXFULL(54, "Exchange full"),
    /** ENOANO: no anode. */
    ENOANO(55, "No anode"),
    /** EBADRQC: invalid request code. */
    EBADRQC(56, "Invalid request code"),
    /** EBADSLT: invalid slot. */
    EBADSLT(57, "Invalid slot"),
    /** EBFONT: bad font file format. */
    EBFONT(59, "Bad font file format"),
    /** ENOSTR: device not a stream. */
    ENOSTR(60, "Device not a stream"),
    /** ENODATA: no data available. */
    ENODATA(61, "No data available"),
    /** ETIME: timer expired. */
    ETIME(62, "Timer expired"),
    /** ENOSR: out of streams resources. */
    ENOSR(63, "Out of streams resources"),
    /** ENONET: machine is not on the network. */
    ENONET(64, "Machine is not on the network"),
    /** ENOPKG: package not installed. */
    ENOPKG(65, "Package not installed"),
    /** EREMOTE: object is remote. */
    EREMOTE(66, "Object is remote"),
    /** ENOLINK: link has been severed. */
    ENOLINK(67, "Link has been severed"),
    /** EADV: advertise error. */
    EADV(68, "Advertise error"),
    /** ESRMNT: srmount error. */
    ESRMNT(69, "Srmount error"),
    /** ECOMM: communication error on send. */
    ECOMM(70, "Communication error on send"),
    /** EPROTO: protocol error. */
    EPROTO(71, "Protocol error"),
    /** EMULTIHOP: multihop attempted. */
    EMULTIHOP(72, "Multihop attempted"),
    /** EDOTDOT: RFS specific error. */
    EDOTDOT(73, "RFS specific error"),
    /** EBADMSG: bad message. */
    EBADMSG(74, "Bad message"),
    /** EOVERFLOW: value too large for defined data type. */
    EOVERFLOW(75, "Value too large for defined data type"),
    /** ENOTUNIQ: name not unique on network. */
    ENOTUNIQ(76, "Name not unique on network"),
    /** EBADFD: file descriptor in bad state. */
    EBADFD(77, "File descriptor in bad state"),
    /** EREMCHG: remote address changed. */
    EREMCHG(78, "Remote address changed"),
    /** ELIBACC: can not access a needed shared library. */
    ELIBACC(79, "Can not access a needed shared library"),
    /** ELIBBAD: accessing a corrupted shared library. */
    ELIBBAD(80, "Accessing a corrupted shared library"),
    /** ELIBSCN: .lib section in a.out corrupted. */
    ELIBSCN(81, ".lib section in a.out corrupted"),
    /** ELIBMAX: attempting to link in too many shared libraries. */
    ELIBMAX(82, "Attempting to link in too many shared libraries"),
    /** ELIBEXEC: cannot exec a shared library directly. */
    ELIBEXEC(83, "Cannot exec a shared library directly"),
    /** EILSEQ: invalid or incomplete multibyte or wide character. */
    EILSEQ(84, "Invalid or incomplete multibyte or wide character"),
    /**
     * ERESTART: interrupted system call should be restarted; nf_tables: the rule set changed since the generation a
     * batch was guarded with.
     */
    ERESTART(85, "Interrupted system call should be restarted"),
    /** ESTRPIPE: streams pipe error. */
    ESTRPIPE(86, "Streams pipe error"),
    /** EUSERS: too many users. */
    EUSERS(87, "Too many users"),
    /** ENOTSOCK: socket operation on non-socket. */
    ENOTSOCK(88, "Socket operation on non-socket"),
    /** EDESTADDRREQ: destination address required. */
    EDESTADDRREQ(89, "Destination address required"),
    /** EMSGSIZE: message too long; netlink: the message does not fit the socket buffer. */
    EMSGSIZE(90, "Message too long"),
    /** EPROTOTYPE: protocol wrong type for socket. */
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    /**
     * ENOPROTOOPT: protocol not available; a socket option the kernel does not know, e.g. {@code NETLINK_EXT_ACK} on
     * an old kernel.
     */
    ENOPROTOOPT(92, "Protocol not available"),
    /**
     * EPROTONOSUPPORT: protocol not supported; the netlink protocol (e.g. {@code NETLINK_NETFILTER}) is not built into
     * this kernel.
     */
    EPROTONOSUPPORT(93, "Protocol not supported"),
    /** ESOCKTNOSUPPORT: socket type not supported. */
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    /**
     * EOPNOTSUPP: operation not supported; the expression, set type, flag or link kind is not supported by this
     * kernel.
     */
    EOPNOTSUPP(95, "Operation not supported"),
    /** EPFNOSUPPORT: protocol family not supported. */
    EPFNOSUPPORT(96, "Protocol family not supported"),
    /**
     * EAFNOSUPPORT: address family not supported by protocol; the address or protocol family is not built into this
     * kernel.
     */
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    /** EADDRINUSE: address already in use. */
    EADDRINUSE(98, "Address already in use"),
    /** EADDRNOTAVAIL: cannot assign requested address; rtnetlink: the address to delete is not configured. */
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    /** ENETDOWN: network is down. */
    ENETDOWN(100, "Network is down"),
    /** ENETUNREACH: network is unreachable. */
    ENETUNREACH(101, "Network is unreachable"),
    /** ENETRESET: network dropped connection on reset. */
    ENETRESET(102, "Network dropped connection on reset"),
    /** ECONNABORTED: software caused connection abort. */
    ECONNABORTED(103, "Software caused connection abort"),
    /** ECONNRESET: connection reset by peer. */
    ECONNRESET(104, "Connection reset by peer"),
    /** ENOBUFS: no buffer space available; netlink: the socket's receive buffer overran and messages were dropped. */
    ENOBUFS(105, "No buffer space available"),
    /** EISCONN: transport endpoint is already connected. */
    EISCONN(106, "Transport endpoint is already connected"),
    /** ENOTCONN: transport endpoint is not connected. */
    ENOTCONN(107, "Transport endpoint is not connected"),
    /** ESHUTDOWN: cannot send after transport endpoint shutdown. */
    ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
    /** ETOOMANYREFS: too many references: cannot splice. */
    ETOOMANYREFS(109, "Too many references: cannot splice"),
    /** ETIMEDOUT: connection timed out. */
    ETIMEDOUT(110, "Connection timed out"),
    /** ECONNREFUSED: connection refused; netlink: no socket is bound to the destination port id. */
    ECONNREFUSED(111, "Connection refused"),
    /** EHOSTDOWN: host is down. */
    EHOSTDOWN(112, "Host is down"),
    /** EHOSTUNREACH: no route to host. */
    EHOSTUNREACH(113, "No route to host"),
    /** EALREADY: operation already in progress. */
    EALREADY(114, "Operation already in progress"),
    /** EINPROGRESS: operation now in progress. */
    EINPROGRESS(115, "Operation now in progress"),
    /** ESTALE: stale file handle. */
    ESTALE(116, "Stale file handle"),
    /** EUCLEAN: structure needs cleaning. */
    EUCLEAN(117, "Structure needs cleaning"),
    /** ENOTNAM: not a XENIX named type file. */
    ENOTNAM(118, "Not a XENIX named type file"),
    /** ENAVAIL: no XENIX semaphores available. */
    ENAVAIL(119, "No XENIX semaphores available"),
    /** EISNAM: is a named type file. */
    EISNAM(120, "Is a named type file"),
    /** EREMOTEIO: remote I/O error. */
    EREMOTEIO(121, "Remote I/O error"),
    /** EDQUOT: disk quota exceeded. */
    EDQUOT(122, "Disk quota exceeded"),
    /** ENOMEDIUM: no medium found. */
    ENOMEDIUM(123, "No medium found"),
    /** EMEDIUMTYPE: wrong medium type. */
    EMEDIUMTYPE(124, "Wrong medium type"),
    /** ECANCELED: operation canceled. */
    ECANCELED(125, "Operation canceled"),
    /** ENOKEY: required key not available. */
    ENOKEY(126, "Required key not available"),
    /** EKEYEXPIRED: key has expired. */
    EKEYEXPIRED(127, "Key has expired"),
    /** EKEYREVOKED: key has been revoked. */
    EKEYREVOKED(128, "Key has been revoked"),
    /** EKEYREJECTED: key was rejected by service. */
    EKEYREJECTED(129, "Key was rejected by service"),
    /** EOWNERDEAD: owner died. */
    EOWNERDEAD(130, "Owner died"),
    /** ENOTRECOVERABLE: state not recoverable. */
    ENOTRECOVERABLE(131, "State not recoverable"),
    /** ERFKILL: operation not possible due to RF-kill. */
    ERFKILL(132, "Operation not possible due to RF-kill"),
    /** EHWPOISON: memory page has hardware error. */
    EHWPOISON(133, "Memory page has hardware error"),
    /** ERESTARTSYS: kernel-internal code, never meant to reach user space. */
    ERESTARTSYS(512, "Kernel-internal error ERESTARTSYS (should not reach user space)"),
    /** ERESTARTNOINTR: kernel-internal code, never meant to reach user space. */
    ERESTARTNOINTR(513, "Kernel-internal error ERESTARTNOINTR (should not reach user space)"),
    /** ERESTARTNOHAND: kernel-internal code, never meant to reach user space. */
    ERESTARTNOHAND(514, "Kernel-internal error ERESTARTNOHAND (should not reach user space)"),
    /** ENOIOCTLCMD: kernel-internal code, never meant to reach user space. */
    ENOIOCTLCMD(515, "Kernel-internal error ENOIOCTLCMD (should not reach user space)"),
    /** ERESTART_RESTARTBLOCK: kernel-internal code, never meant to reach user space. */
    ERESTART_RESTARTBLOCK(516, "Kernel-internal error ERESTART_RESTARTBLOCK (should not reach user space)"),
    /** EPROBE_DEFER: kernel-internal code, never meant to reach user space. */
    EPROBE_DEFER(517, "Kernel-internal error EPROBE_DEFER (should not reach user space)"),
    /** EOPENSTALE: kernel-internal code, never meant to reach user space. */
    EOPENSTALE(518, "Kernel-internal error EOPENSTALE (should not reach user space)"),
    /** ENOPARAM: kernel-internal code, never meant to reach user space. */
    ENOPARAM(519, "Kernel-internal error ENOPARAM (should not reach user space)"),
    /** EBADHANDLE: kernel-internal code, never meant to reach user space. */
    EBADHANDLE(521, "Kernel-internal error EBADHANDLE (should not reach user space)"),
    /** ENOTSYNC: kernel-internal code, never meant to reach user space. */
    ENOTSYNC(522, "Kernel-internal error ENOTSYNC (should not reach user space)"),
    /** EBADCOOKIE: kernel-internal code, never meant to reach user space. */
    EBADCOOKIE(523, "Kernel-internal error EBADCOOKIE (should not reach user space)"),
    /** ENOTSUPP: a kernel-internal value for "operation not supported" that some subsystems let leak to user space. */
    ENOTSUPP(524, "Kernel-internal error ENOTSUPP (operation not supported)"),
    /** ETOOSMALL: kernel-internal code, never meant to reach user space. */
    ETOOSMALL(525, "Kernel-internal error ETOOSMALL (should not reach user space)"),
    /** ESERVERFAULT: kernel-internal code, never meant to reach user space. */
    ESERVERFAULT(526, "Kernel-internal error ESERVERFAULT (should not reach user space)"),
    /** EBADTYPE: kernel-internal code, never meant to reach user space. */
    EBADTYPE(527, "Kernel-internal error EBADTYPE (should not reach user space)"),
    /** EJUKEBOX: kernel-internal code, never meant to reach user space. */
    EJUKEBOX(528, "Kernel-internal error EJUKEBOX (should not reach user space)"),
    /** EIOCBQUEUED: kernel-internal code, never meant to reach user space. */
    EIOCBQUEUED(529, "Kernel-internal error EIOCBQUEUED (should not reach user space)"),
    /** ERECALLCONFLICT: kernel-internal code, never meant to reach user space. */
    ERECALLCONFLICT(530, "Kernel-internal error ERECALLCONFLICT (should not reach user space)");

    private static final Errno[] BY_NUMBER = new Errno[531];

    static {
        for (Errno e : values()) {
            BY_NUMBER[e.number] = e;
        }
    }

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /**
     * The positive error number, as in {@code errno}.
     *
     * @return the number, e.g. 2 for {@link #ENOENT}
     */
    public int number() {
        return number;
    }

    /**
     * The human-readable description, as {@code strerror} gives it.
     *
     * @return the text, e.g. {@code No such file or directory}
     */
    public String text() {
        return text;
    }

    /**
     * The constant for an error number, positive or negated.
     *
     * @param number the error number, as {@code errno} holds it or negated as netlink carries it
     * @return the constant, or {@code null} when the number has no name
     */
    public static Errno of(int number) {
        int n = Math.abs(number);
        return n < BY_NUMBER.length ? BY_NUMBER[n] : null;
    }

    /**
     * The error number as messages name it: {@code ENOENT (No such file or directory)}, or
     * {@code errno 999} when the number has no name.
     *
     * @param number the error number, positive or negated
     * @return the symbol and its text
     */
    public static String describe(int number) {
        Errno e = of(number);
        return e == null ? "errno " + Math.abs(number) : e.name() + " (" + e.text + ")";
    }
}
