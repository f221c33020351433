package nftlink.nftables.lang;

import nftlink.netlink.NetlinkKernelException;
import nftlink.nftables.NetfilterHook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static nftlink.nftables.NfTablesUapi.NFPROTO_ARP;
import static nftlink.nftables.NfTablesUapi.NFPROTO_BRIDGE;
import static nftlink.nftables.NfTablesUapi.NFPROTO_INET;
import static nftlink.nftables.NfTablesUapi.NFPROTO_IPV4;
import static nftlink.nftables.NfTablesUapi.NFPROTO_IPV6;
import static nftlink.nftables.NfTablesUapi.NFPROTO_NETDEV;
import static nftlink.nftables.NfTablesUapi.NFPROTO_UNSPEC;
import static nftlink.nftables.NfTablesUapi.NF_ARP_IN;
import static nftlink.nftables.NfTablesUapi.NF_ARP_OUT;
import static nftlink.nftables.NfTablesUapi.NF_INET_POST_ROUTING;
import static nftlink.nftables.NfTablesUapi.NF_NETDEV_EGRESS;
import static nftlink.nftables.NfTablesUapi.NF_NETDEV_INGRESS;

/**
 * {@code list hooks [FAMILY] [device NAME]} as nft 1.1.3 does it (mnl.c's {@code mnl_nft_dump_nf_hooks}): which
 * hooks of which families are dumped, which failures count, the order functions are kept in, and the text.
 * Families are dumped one by one and each prints its own block ({@code inet} prints {@code ip} and {@code ip6});
 * {@code ip}, {@code ip6}, {@code bridge}, {@code inet} and {@code netdev} without a device never fail, {@code arp}
 * and a netdev device fail when both of their hooks do (a kernel without the hook dump answers {@code EINVAL}).
 */
public final class HookListing {

    /** One hook dump: {@link nftlink.nftables.Nftables#listHooks} of the namespace. */
    @FunctionalInterface
    public interface Dump {
        /**
         * The functions at one hook.
         *
         * @param protocol   the {@code NFPROTO_*} family
         * @param hookNumber the hook number
         * @param device     the device of a netdev hook, or {@code null}
         * @return the functions
         * @throws NetlinkKernelException when the kernel refuses
         */
        List<NetfilterHook> hooks(int protocol, int hookNumber, String device);
    }

    /**
     * What the command printed, and how it ended.
     *
     * @param text  what it printed (warnings and listings)
     * @param error the kernel's refusal that makes the command fail, or {@code null}
     */
    public record Result(String text, NetlinkKernelException error) {
    }

    private final Dump dump;
    private final List<String> interfaces;
    private final StringBuilder out = new StringBuilder();
    private NetlinkKernelException lastError;

    private HookListing(Dump dump, List<String> interfaces) {
        this.dump = dump;
        this.interfaces = interfaces;
    }

    /**
     * Lists the hooks of {@code protocol} ({@code NFPROTO_UNSPEC}: every family).
     *
     * @param dump       dumps one hook
     * @param protocol   the family asked for, {@code NFPROTO_UNSPEC} for all
     * @param device     the device asked for, or {@code null}
     * @param interfaces the namespace's interface names, for netdev hooks without a device
     * @return the text and the outcome
     */
    public static Result list(Dump dump, int protocol, String device, List<String> interfaces) {
        HookListing listing = new HookListing(Objects.requireNonNull(dump, "dump"), List.copyOf(interfaces));
        boolean ok = listing.family(protocol, device);
        return new Result(listing.out.toString(), ok ? null : listing.lastError);
    }

    private boolean family(int protocol, String device) {
        if (protocol == NFPROTO_UNSPEC) {
            boolean ok = family(NFPROTO_ARP, null);
            ok |= family(NFPROTO_INET, null);
            ok |= family(NFPROTO_BRIDGE, null);
            ok |= family(NFPROTO_NETDEV, device);
            return ok;
        }
        List<NetfilterHook> hooks = new ArrayList<>();
        boolean ok;
        switch (protocol) {
            case NFPROTO_INET -> {
                if (device != null) {
                    dump(hooks, NFPROTO_NETDEV, NF_NETDEV_INGRESS, device);
                }
                family(NFPROTO_IPV4, null);
                family(NFPROTO_IPV6, null);
                ok = true;
            }
            case NFPROTO_ARP -> {
                warnIfDevice(device);
                ok = dump(hooks, protocol, NF_ARP_IN, device) | dump(hooks, protocol, NF_ARP_OUT, device);
            }
            case NFPROTO_NETDEV -> {
                if (device != null) {
                    ok = dump(hooks, protocol, NF_NETDEV_INGRESS, device) | dump(hooks, protocol, NF_NETDEV_EGRESS, device);
                } else {
                    for (String name : interfaces) {
                        dump(hooks, protocol, NF_NETDEV_INGRESS, name);
                        dump(hooks, protocol, NF_NETDEV_EGRESS, name);
                    }
                    ok = true;
                }
            }
            default -> {
                warnIfDevice(device);
                for (int hook = 0; hook <= NF_INET_POST_ROUTING; hook++) {
                    dump(hooks, protocol, hook, device);
                }
                ok = true;
            }
        }
        print(protocol, hooks);
        return ok;
    }

    private void warnIfDevice(String device) {
        if (device != null) {
            out.append("# device keyword (").append(device).append(") unexpected for this family\n");
        }
    }

    /** One hook's functions into {@code hooks}, each after the first kept one of its hook with a priority not below it. */
    private boolean dump(List<NetfilterHook> hooks, int protocol, int hookNumber, String device) {
        List<NetfilterHook> found;
        try {
            found = dump.hooks(protocol, hookNumber, device);
        } catch (NetlinkKernelException e) {
            lastError = e;
            return false;
        }
        for (NetfilterHook h : found) {
            int at = hooks.size();
            for (int i = 0; i < hooks.size(); i++) {
                NetfilterHook kept = hooks.get(i);
                if (kept.protocol() == h.protocol() && sameHook(kept, h) && kept.priority() >= h.priority()) {
                    at = i + 1;
                    break;
                }
            }
            hooks.add(at, h);
        }
        return true;
    }

    private static boolean sameHook(NetfilterHook a, NetfilterHook b) {
        return a.hookNumber() == b.hookNumber() && Objects.equals(a.device(), b.device());
    }

    private void print(int protocol, List<NetfilterHook> hooks) {
        List<NetfilterHook> shown = hooks.stream().filter(h -> h.protocol() == protocol).toList();
        if (shown.isEmpty()) {
            return;
        }
        out.append("family ").append(ObjectRenderer.familyName(protocol)).append(" {\n");
        NetfilterHook previous = null;
        for (NetfilterHook h : shown) {
            boolean same = previous != null && sameHook(previous, h);
            if (previous != null) {
                out.append(same ? "\n" : "\n\t}\n");
            }
            previous = h;
            if (!same) {
                out.append("\thook ").append(hookName(protocol, h.hookNumber()));
                if (h.device() != null) {
                    out.append(" device ").append(h.device());
                }
                out.append(" {\n");
            }
            out.append("\t\t").append(priority(h.priority())).append(function(h));
        }
        out.append("\n\t}\n}\n");
    }

    /** nft's priority column: {@code -0000000400}, {@code  0000000000}, {@code +0000000100}. */
    static String priority(int priority) {
        if (priority < 0) {
            return String.format("%011d", priority);
        }
        return (priority == 0 ? " " : "+") + String.format("%010d", priority);
    }

    private static String function(NetfilterHook h) {
        StringBuilder sb = new StringBuilder();
        NetfilterHook.Owner owner = h.owner();
        if (owner != null && owner.type() == NetfilterHook.NFNL_HOOK_TYPE_NFTABLES && owner.table() != null
                && owner.name() != null) {
            sb.append(" chain ").append(ObjectRenderer.familyName(owner.chainFamily())).append(' ').append(owner.table())
                    .append(' ').append(owner.name());
        } else if (h.function() != null && owner != null && owner.bpfId() >= 0) {
            sb.append(' ').append(h.function()).append(" id ").append(owner.bpfId());
        } else if (h.function() != null) {
            sb.append(' ').append(h.function());
        }
        if (h.module() != null) {
            sb.append(" [").append(h.module()).append(']');
        }
        return sb.toString();
    }

    /** nft's {@code hooknum2str}. */
    static String hookName(int protocol, int hook) {
        return switch (protocol) {
            case NFPROTO_IPV4, NFPROTO_IPV6, NFPROTO_BRIDGE, NFPROTO_INET -> switch (hook) {
                case 0 -> "prerouting";
                case 1 -> "input";
                case 2 -> "forward";
                case 3 -> "output";
                case 4 -> "postrouting";
                case 5 -> "ingress";
                default -> "unknown";
            };
            case NFPROTO_ARP -> switch (hook) {
                case 0 -> "input";
                case 1 -> "output";
                case 2 -> "forward";
                default -> "unknown";
            };
            case NFPROTO_NETDEV -> switch (hook) {
                case 0 -> "ingress";
                case 1 -> "egress";
                default -> "unknown";
            };
            default -> "unknown";
        };
    }
}
