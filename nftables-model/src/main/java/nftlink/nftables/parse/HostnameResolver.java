package nftlink.nftables.parse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns host names in address values ({@code ip daddr localhost}) into addresses. nft always
 * resolves them; nftlink only when asked ({@link NftParser#withHostnameResolution(boolean)},
 * {@code nftlink --resolve-hostnames}), because a rule set should not depend silently on DNS
 * at load time. Without it a host name is an error that says how to enable resolution.
 *
 * <p>As in nft, a name must resolve to exactly one address of the family asked for.
 */
@FunctionalInterface
public interface HostnameResolver {

    /**
     * The addresses of {@code name}, of both families, in the resolver's order.
     *
     * @param name the host name
     * @return the addresses; never empty
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String name) throws UnknownHostException;

    /** Resolves nothing: every host name is an error that says how to enable resolution. */
    HostnameResolver DISABLED = name -> {
        throw new IllegalStateException("hostnames are not resolved unless enabled (NftParser.withHostnameResolution(true), "
                + "nftlink --resolve-hostnames): " + name);
    };

    /**
     * The JVM's resolver ({@link InetAddress#getAllByName}: {@code /etc/hosts}, then DNS as the system
     * is configured).
     *
     * @return the resolver
     */
    static HostnameResolver system() {
        return name -> List.of(InetAddress.getAllByName(name));
    }
}
