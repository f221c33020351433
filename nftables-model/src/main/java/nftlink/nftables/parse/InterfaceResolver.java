package nftlink.nftables.parse;

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
     * @throws IllegalArgumentException when there is no such interface
     */
    int index(String name);

    /**
     * Reads {@code /sys/class/net/NAME/ifindex}: the interfaces of the network
     * namespace sysfs was mounted in, which is the caller's unless it entered
     * another namespace without remounting sysfs.
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

    /** Refuses names, with {@code reason}; only numeric indexes are accepted then. */
    static InterfaceResolver refusing(String reason) {
        return name -> {
            throw new IllegalArgumentException("cannot resolve interface \"" + name + "\": " + reason);
        };
    }
}
