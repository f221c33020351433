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
 * A flowtable ({@code NFT_MSG_NEWFLOWTABLE}): a fast path for established flows,
 * hooked at ingress of its devices; rules add flows with {@code flow add @name}.
 *
 * @param family     address family of its table
 * @param table      table name
 * @param name       flowtable name
 * @param handle     kernel handle, or 0 when not known
 * @param use        number of references as the kernel counts them, or -1 when not known
 * @param hookNumber the netdev hook number ({@code NF_NETDEV_INGRESS}, the only one the kernel accepts)
 * @param priority   hook priority
 * @param devices    interface names, in the order given (nft prints them sorted)
 * @param flags      {@code NFT_FLOWTABLE_HW_OFFLOAD}, {@code NFT_FLOWTABLE_COUNTER}
 * @param unknown    attributes the library does not interpret, kept for round trips (a hook with
 *                   attributes the library does not know is kept here whole, and written instead of the typed hook)
 */
public record Flowtable(Family family, String table, String name, long handle, int use, int hookNumber, int priority,
                        List<String> devices, int flags, List<RawAttribute> unknown) implements RulesetObject {

    /** Checks the components: family not null, valid table and flowtable names; copies the devices. */
    public Flowtable {
        Objects.requireNonNull(family, "family");
        ObjectNames.check("table", table);
        ObjectNames.check("flowtable", name);
        devices = List.copyOf(devices);
        unknown = List.copyOf(unknown);
    }

    /**
     * A flowtable at ingress of {@code devices} with {@code priority}, no flags.
     *
     * @param family the table's family
     * @param table the table's name
     * @param name the flowtable's name
     * @param priority the ingress hook priority
     * @param devices the devices' names
     * @return the flowtable
     */
    public static Flowtable of(Family family, String table, String name, int priority, List<String> devices) {
        return new Flowtable(family, table, name, 0, -1, NF_NETDEV_INGRESS, priority, devices, 0, List.of());
    }

    /**
     * This flowtable with other {@code NFT_FLOWTABLE_*} flags.
     *
     * @param newFlags the flags
     * @return the changed copy
     */
    public Flowtable withFlags(int newFlags) {
        return new Flowtable(family, table, name, handle, use, hookNumber, priority, devices, newFlags, unknown);
    }

    /**
     * Whether flows are offloaded to hardware ({@code flags offload}).
     *
     * @return whether offload is on
     */
    public boolean isOffload() {
        return (flags & NFT_FLOWTABLE_HW_OFFLOAD) != 0;
    }

    /**
     * Whether flows are counted ({@code counter}).
     *
     * @return whether counting is on
     */
    public boolean hasCounter() {
        return (flags & NFT_FLOWTABLE_COUNTER) != 0;
    }

    /**
     * {@code family table name}.
     *
     * @return the name
     */
    public String qualifiedName() {
        return family.nftName() + " " + table + " " + name;
    }

    /**
     * Writes the attributes of {@code NFT_MSG_NEWFLOWTABLE}, as nft sends them (flags even when 0).
     * A hook attribute kept in {@link #unknown} (one the library could not fully interpret) is
     * written instead of the typed hook.
     *
     * @param w the writer
     */
    public void writeAttributes(MessageWriter w) {
        w.attrString(NFTA_FLOWTABLE_TABLE, table);
        w.attrString(NFTA_FLOWTABLE_NAME, name);
        // nft 1.1.3 sends the flags before the hook
        w.attrU32Be(NFTA_FLOWTABLE_FLAGS, flags);
        RawAttribute rawHook = unknown.stream().filter(a -> a.type() == NFTA_FLOWTABLE_HOOK).findFirst().orElse(null);
        if (rawHook == null) {
            writeHook(w);
        } else {
            rawHook.write(w);
        }
        for (RawAttribute a : unknown) {
            if (a != rawHook) {
                a.write(w);
            }
        }
    }

    private void writeHook(MessageWriter w) {
        int hook = w.beginNested(NFTA_FLOWTABLE_HOOK);
        w.attrU32Be(NFTA_FLOWTABLE_HOOK_NUM, hookNumber);
        w.attrU32Be(NFTA_FLOWTABLE_HOOK_PRIORITY, priority);
        if (!devices.isEmpty()) {
            int devs = w.beginNested(NFTA_FLOWTABLE_HOOK_DEVS);
            for (String d : devices) {
                w.attrString(NFTA_DEVICE_NAME, d);
            }
            w.endNested(devs);
        }
        w.endNested(hook);
    }

    /**
     * Decodes an {@code NFT_MSG_NEWFLOWTABLE} message (a dump entry or an echo).
     *
     * @param message the message
     * @return the flowtable
     * @throws NetlinkDecodeException when the message is malformed
     */
    public static Flowtable decode(NetlinkMessage message) {
        Family family = Family.ofMessage(message);
        String table = null;
        String name = null;
        long handle = 0;
        int use = -1;
        int hookNumber = NF_NETDEV_INGRESS;
        int priority = 0;
        List<String> devices = new ArrayList<>();
        int flags = 0;
        List<RawAttribute> unknown = new ArrayList<>(0);
        for (Attribute a : message.attributes(Nfnetlink.NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_FLOWTABLE_TABLE -> table = a.string();
                case NFTA_FLOWTABLE_NAME -> name = a.string();
                case NFTA_FLOWTABLE_HANDLE -> handle = a.u64Be();
                case NFTA_FLOWTABLE_USE -> use = a.u32Be();
                case NFTA_FLOWTABLE_FLAGS -> flags = a.u32Be();
                case NFTA_FLOWTABLE_HOOK -> {
                    boolean understood = true;
                    for (Attribute h : a.nested()) {
                        switch (h.type()) {
                            case NFTA_FLOWTABLE_HOOK_NUM -> hookNumber = h.u32Be();
                            case NFTA_FLOWTABLE_HOOK_PRIORITY -> priority = h.u32Be();
                            case NFTA_FLOWTABLE_HOOK_DEVS -> {
                                for (Attribute d : h.nested()) {
                                    if (d.type() == NFTA_DEVICE_NAME) {
                                        devices.add(d.string());
                                    } else {
                                        understood = false;
                                    }
                                }
                            }
                            default -> understood = false;
                        }
                    }
                    if (!understood) {
                        // keep the hook as it came so it re-encodes unchanged; the typed fields show what was read
                        unknown.add(RawAttribute.of(a));
                    }
                }
                case NFTA_FLOWTABLE_PAD -> { }
                default -> unknown.add(RawAttribute.of(a));
            }
        }
        if (table == null || name == null) {
            throw new NetlinkDecodeException("flowtable message without NFTA_FLOWTABLE_TABLE or NFTA_FLOWTABLE_NAME");
        }
        try {
            ObjectNames.decoded("table", table);
            ObjectNames.decoded("flowtable", name);
            return new Flowtable(family, table, name, handle, use, hookNumber, priority, devices, flags, unknown);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("flowtable: " + e.getMessage());
        }
    }
}
