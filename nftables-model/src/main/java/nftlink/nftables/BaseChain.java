package nftlink.nftables;

import java.util.List;
import java.util.Objects;

/**
 * What makes a chain a base chain: its type, hook, priority, devices (netdev
 * family and inet ingress) and policy.
 *
 * @param type     chain type
 * @param hook     netfilter hook
 * @param priority priority number (lower runs first)
 * @param devices  interface names for netdev and ingress hooks; empty otherwise
 * @param policy   default verdict, or {@code null} to leave the kernel's default (accept)
 */
public record BaseChain(ChainType type, Hook hook, int priority, List<String> devices, ChainPolicy policy) {

    /** Checks the components: type and hook not null; copies the devices. */
    public BaseChain {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hook, "hook");
        devices = List.copyOf(devices);
    }

    /**
     * A base chain without devices.
     *
     * @param type the chain type
     * @param hook the hook
     * @param priority the priority; lower runs first
     * @param policy what happens to packets no rule decided on
     * @return the base chain
     */
    public static BaseChain of(ChainType type, Hook hook, int priority, ChainPolicy policy) {
        return new BaseChain(type, hook, priority, List.of(), policy);
    }
}
