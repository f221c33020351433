package nftlink.nftables;

import nftlink.netlink.RawAttribute;
import nftlink.netlink.Attribute;
import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkDecodeException;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.*;

/**
 * An nftables chain: a base chain when {@link #base()} is set, a regular chain
 * (a jump or goto target) otherwise.
 *
 * @param family  address family of its table
 * @param table   table name
 * @param name    chain name
 * @param base    hook, type, priority, devices and policy of a base chain, or {@code null}
 * @param flags   {@code NFT_CHAIN_*} flags as the kernel reports them ({@code NFT_CHAIN_BASE}
 *                is set by the kernel and never sent)
 * @param comment comment stored in userdata, or {@code null}
 * @param handle  kernel handle, or 0 when not known
 * @param use     number of references (rules jumping here), or -1 when not known
 * @param unknown attributes the library does not interpret, kept for round trips
 */
public record Chain(Family family, String table, String name, BaseChain base, int flags, String comment,
                    long handle, int use, List<RawAttribute> unknown) implements RulesetObject {

    /** Checks the components: family not null, valid table and chain names; copies the kept attributes. */
    public Chain {
        Objects.requireNonNull(family, "family");
        ObjectNames.check("table", table);
        ObjectNames.check("chain", name);
        unknown = List.copyOf(unknown);
    }

    /**
     * A regular chain.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the chain's name
     * @return the chain
     */
    public static Chain regular(Family family, String table, String name) {
        return new Chain(family, table, name, null, 0, null, 0, -1, List.of());
    }

    /**
     * A base chain.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the chain's name
     * @param base its type, hook and priority
     * @return the chain
     */
    public static Chain base(Family family, String table, String name, BaseChain base) {
        return new Chain(family, table, name, Objects.requireNonNull(base, "base"), 0, null, 0, -1, List.of());
    }

    /**
     * This chain with another comment.
     *
     * @param newComment the comment, or {@code null} for none
     * @return the changed copy
     */
    public Chain withComment(String newComment) {
        return new Chain(family, table, name, base, flags, newComment, handle, use, unknown);
    }

    /**
     * This chain with other {@code NFT_CHAIN_*} flags.
     *
     * @param newFlags the flags
     * @return the changed copy
     */
    public Chain withFlags(int newFlags) {
        return new Chain(family, table, name, base, newFlags, comment, handle, use, unknown);
    }

    /**
     * Whether this is a base chain.
     *
     * @return whether the chain is attached to a hook
     */
    public boolean isBase() {
        return base != null;
    }

    /**
     * Whether this is an anonymous chain bound to a rule ({@code jump { ... }}, the kernel's
     * {@code NFT_CHAIN_BINDING}): nft lists it inside that rule, never as a chain of its own.
     *
     * @return whether the chain is bound to a rule
     */
    public boolean isBinding() {
        return (flags & NfTablesUapi.NFT_CHAIN_BINDING) != 0;
    }

    /**
     * {@code family table name}, as nft names a chain.
     *
     * @return the name
     */
    public String qualifiedName() {
        return family.nftName() + " " + table + " " + name;
    }

    /**
     * Writes the attributes of {@code NFT_MSG_NEWCHAIN} for this chain.
     *
     * @param w the writer
     */
    public void writeAttributes(MessageWriter w) {
        w.attrString(NFTA_CHAIN_TABLE, table);
        w.attrString(NFTA_CHAIN_NAME, name);
        if (base != null) {
            int hook = w.beginNested(NFTA_CHAIN_HOOK);
            w.attrU32Be(NFTA_HOOK_HOOKNUM, base.hook().number(family));
            w.attrU32Be(NFTA_HOOK_PRIORITY, base.priority());
            List<String> devices = base.devices();
            if (devices.size() == 1) {
                w.attrString(NFTA_HOOK_DEV, devices.getFirst());
            } else if (devices.size() > 1) {
                int devs = w.beginNested(NFTA_HOOK_DEVS);
                for (String d : devices) {
                    w.attrString(NFTA_DEVICE_NAME, d);
                }
                w.endNested(devs);
            }
            w.endNested(hook);
            if (base.policy() != null) {
                w.attrU32Be(NFTA_CHAIN_POLICY, base.policy().verdict());
            }
            w.attrString(NFTA_CHAIN_TYPE, base.type().nftName());
        }
        int sentFlags = flags & ~NFT_CHAIN_BASE;
        w.attrU32BeUnlessZero(NFTA_CHAIN_FLAGS, sentFlags);
        if (comment != null) {
            w.attrBytes(NFTA_CHAIN_USERDATA, Userdata.comment(comment));
        }
        for (RawAttribute a : unknown) {
            a.write(w);
        }
    }

    /**
     * Decodes an {@code NFT_MSG_NEWCHAIN} message (a dump entry or an echo).
     *
     * @param message the message
     * @return the chain
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static Chain decode(NetlinkMessage message) {
        Family family = Family.ofMessage(message);
        String table = null;
        String name = null;
        String comment = null;
        String type = null;
        Integer hookNumber = null;
        int priority = 0;
        List<String> devices = List.of();
        ChainPolicy policy = null;
        int flags = 0;
        long handle = 0;
        int use = -1;
        List<RawAttribute> unknown = new ArrayList<>(0);
        for (Attribute a : message.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_CHAIN_TABLE -> table = a.string();
                case NFTA_CHAIN_NAME -> name = a.string();
                case NFTA_CHAIN_HANDLE -> handle = a.u64Be();
                case NFTA_CHAIN_USE -> use = a.u32Be();
                case NFTA_CHAIN_FLAGS -> flags = a.u32Be();
                case NFTA_CHAIN_TYPE -> type = a.string();
                case NFTA_CHAIN_POLICY -> {
                    try {
                        policy = ChainPolicy.ofVerdict(a.u32Be());
                    } catch (IllegalArgumentException e) {
                        throw new NetlinkDecodeException("chain policy: " + e.getMessage());
                    }
                }
                case NFTA_CHAIN_HOOK -> {
                    String dev = null;
                    List<String> devs = null;
                    for (Attribute h : a.nested()) {
                        switch (h.type()) {
                            case NFTA_HOOK_HOOKNUM -> hookNumber = h.u32Be();
                            case NFTA_HOOK_PRIORITY -> priority = h.u32Be();
                            case NFTA_HOOK_DEV -> dev = h.string();
                            case NFTA_HOOK_DEVS -> {
                                devs = new ArrayList<>();
                                for (Attribute d : h.nested()) {
                                    devs.add(d.string());
                                }
                            }
                            default -> { }
                        }
                    }
                    devices = devs != null ? devs : dev != null ? List.of(dev) : List.of();
                }
                case NFTA_CHAIN_USERDATA -> {
                    comment = Userdata.commentOnly(a);
                    if (comment == null) {
                        unknown.add(RawAttribute.of(a));
                    }
                }
                case NFTA_CHAIN_COUNTERS, NFTA_CHAIN_PAD, NFTA_CHAIN_ID -> { }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (table == null || name == null) {
            throw new NetlinkDecodeException("chain message without NFTA_CHAIN_TABLE or NFTA_CHAIN_NAME");
        }
        BaseChain base = null;
        if (hookNumber != null) {
            try {
                base = new BaseChain(type == null ? ChainType.FILTER : ChainType.ofName(type),
                        Hook.of(family, hookNumber), priority, devices, policy);
            } catch (IllegalArgumentException e) {
                throw new NetlinkDecodeException("chain " + name + ": " + e.getMessage());
            }
        }
        ObjectNames.decoded("table", table);
        ObjectNames.decoded("chain", name);
        return new Chain(family, table, name, base, flags, comment, handle, use, unknown);
    }
}
