package nftlink.nftables.parse;

import nftlink.netlink.InterfaceNames;
import nftlink.netlink.NetworkNamespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves interface names in {@code iif NAME} / {@code oif NAME} to interface
 * indexes when a rule is compiled, as nft does with {@code if_nametoindex}.
 */
@FunctionalInterface
public interface InterfaceResolver {

    /**
     * The index of interface {@code name}.
     *
     * @param name the interface name
     * @return the interface index
     * @throws IllegalArgumentException when there is no such interface
     */
    int index(String name);

    /**
     * Reads {@code /sys/class/net/NAME/ifindex}: the interfaces of the network
     * namespace sysfs was mounted in, which is the caller's unless it entered
     * another namespace without remounting sysfs.
     *
     * @return the resolver
     */
    static InterfaceResolver sysfs() {
        return name -> {
            if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("not an interface name: \"" + name + "\"");
            }
            Path file = Path.of("/sys/class/net", name, "ifindex");
            try {
                return Integer.parseInt(Files.readString(file).strip());
            } catch (IOException | NumberFormatException e) {
                throw new IllegalArgumentException("interface \"" + name + "\" does not exist");
            }
        };
    }

    /**
     * The index nft takes for {@code name}: the interface's, or when no interface has the name and it is a
     * decimal number, that number ({@code iif "3"} after interface 3 is gone, as nft lists it in JSON).
     *
     * @param name the interface name or a number
     * @return the interface index
     * @throws IllegalArgumentException when it is neither
     */
    default int indexOrNumber(String name) {
        try {
            return index(name);
        } catch (IllegalArgumentException e) {
            if (name.matches("\\d{1,10}") && Long.parseLong(name) <= Integer.MAX_VALUE) {
                return Integer.parseInt(name);
            }
            throw e;
        }
    }

    /**
     * The interfaces of {@code namespace}, read over rtnetlink there when the first name is resolved
     * (as nft run inside that namespace resolves them); a name no interface has is refused as nft
     * refuses it.
     *
     * @param namespace the network namespace
     * @return the resolver
     */
    static InterfaceResolver in(NetworkNamespace namespace) {
        return new InterfaceResolver() {
            private InterfaceNames names;

            @Override
            public synchronized int index(String name) {
                if (names == null) {
                    names = InterfaceNames.read(namespace);
                }
                return of(names).index(name);
            }
        };
    }

    /**
     * The interfaces {@code names} holds; a name it does not hold is refused as nft refuses it.
     *
     * @param names the interface names
     * @return the resolver
     */
    static InterfaceResolver of(InterfaceNames names) {
        return name -> names.index(name).orElseThrow(() -> new IllegalArgumentException("Interface does not exist"));
    }

    /**
     * Refuses names, with {@code reason}; only numeric indexes are accepted then.
     *
     * @param reason what the refusal says
     * @return the resolver
     */
    static InterfaceResolver refusing(String reason) {
        return name -> {
            throw new IllegalArgumentException("cannot resolve interface \"" + name + "\": " + reason);
        };
    }
}
