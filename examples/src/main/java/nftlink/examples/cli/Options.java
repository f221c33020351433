package nftlink.examples.cli;

import nftlink.netlink.NetworkNamespace;
import nftlink.nftables.NftFormatter;
import nftlink.nftables.json.JsonRenderer;
import nftlink.nftables.lang.OutputFlags;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.parse.CgroupPaths;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The options of one {@code nftlink} run, as nft groups them, plus nftlink's own.
 *
 * @param input            how rule sets are read
 * @param output           how listings and echoes print
 * @param netns            the named network namespace to work in, or {@code null} for nftlink's own
 * @param resolveHostnames whether host names in addresses resolve through the system's resolver
 * @param debug            nft's debug levels ({@code -d}); only {@code netlink} is supported
 */
record Options(Input input, Output output, String netns, boolean resolveHostnames, List<String> debug) {

    Options {
        debug = List.copyOf(debug);
    }

    /**
     * nft's ruleset input options.
     *
     * @param file        {@code -f}: the file to apply ({@code -} for standard input), or {@code null}
     * @param defines     {@code -D NAME=VALUE}, in order
     * @param interactive {@code -i}: commands from standard input, one per line
     * @param includePath {@code -I}: directories searched for included files
     * @param check       {@code -c}: check against the kernel, commit nothing
     * @param optimize    {@code -o}: optimize the rule set (refused)
     */
    record Input(String file, List<String> defines, boolean interactive, List<Path> includePath, boolean check,
                 boolean optimize) {
        Input {
            defines = List.copyOf(defines);
            includePath = List.copyOf(includePath);
        }
    }

    /**
     * nft's listing and command output options.
     *
     * @param handle          {@code -a}: handles
     * @param stateless       {@code -s}: no counter values or quota usage
     * @param terse           {@code -t}: no set elements
     * @param service         {@code -S}: ports by service name
     * @param reverseDns      {@code -N}: addresses by host name
     * @param guid            {@code -u}: user and group IDs by name
     * @param numeric         {@code -n}: everything numeric (symbols, protocols, priorities, times)
     * @param numericPriority {@code -y}: chain priorities as numbers
     * @param numericProtocol {@code -p}: layer-4 protocols as numbers
     * @param numericTime     {@code -T}: durations in seconds
     * @param echo            {@code -e}: print what was added
     * @param json            {@code -j}: JSON in and out
     */
    record Output(boolean handle, boolean stateless, boolean terse, boolean service, boolean reverseDns, boolean guid,
                  boolean numeric, boolean numericPriority, boolean numericProtocol, boolean numericTime,
                  boolean echo, boolean json) {

        /** Tables and chains as these options print them. */
        NftFormatter formatter() {
            return new NftFormatter(handle, numericPriority || numeric);
        }

        /** Rules as these options print them, interfaces named by {@code interfaces} (index to name, or {@code null}). */
        RuleRenderer rules(IntFunction<String> interfaces) {
            return new RuleRenderer(CgroupPaths.mounted()).withOptions(stateless, numericProtocol || numeric).withInterfaceNames(interfaces);
        }

        /** JSON as these options print it, interfaces named by {@code interfaces}. */
        JsonRenderer jsonRenderer(IntFunction<String> interfaces) {
            return new JsonRenderer(CgroupPaths.mounted()).withStateless(stateless).withInterfaceNames(interfaces);
        }

        /** Values, set elements and objects as these options print them. */
        OutputFlags flags() {
            return new OutputFlags(stateless, service, reverseDns, guid, numeric, numericProtocol || numeric,
                    numericTime || numeric);
        }
    }

    /** Whether {@code -d netlink} (or {@code -d all}) asks for the rules' bytecode. */
    boolean debugNetlink() {
        return debug.contains("netlink") || debug.contains("all");
    }

    /** The network namespace to work in: {@link #netns} by name, or nftlink's own. */
    NetworkNamespace namespace() {
        return netns == null ? NetworkNamespace.current() : NetworkNamespace.named(netns);
    }
}
