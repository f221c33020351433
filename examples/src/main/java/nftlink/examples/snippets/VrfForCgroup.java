package nftlink.examples.snippets;

import nftlink.netlink.NetworkNamespace;
import nftlink.rtnetlink.RtNetlink;
import nftlink.vrf.CgroupVrfBinding;
import nftlink.vrf.VrfIsolation;
import nftlink.vrf.VrfSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a VRF (routing table 100) and binds a cgroup to it, as {@code ip vrf
 * exec} does but for every process the cgroup will ever hold: their new sockets
 * use the VRF's routes. The binding stays attached after the program ends;
 * {@link CgroupVrfBinding#detachFrom} removes it.
 */
public final class VrfForCgroup {
    private VrfForCgroup() {
    }

    /** {@code VrfForCgroup CGROUP-DIRECTORY}, in the caller's namespace. */
    public static void main(String[] args) {
        run(NetworkNamespace.current(), Path.of(args[0])).forEach(System.out::println);
    }

    /** Makes VRF {@code vrf-example} in {@code ns} and binds {@code cgroupDirectory} to it; returns what it did. */
    public static List<String> run(NetworkNamespace ns, Path cgroupDirectory) {
        try (RtNetlink rt = RtNetlink.open(ns)) {
            List<String> done = new ArrayList<>(new VrfIsolation(rt).apply(VrfSpec.of("vrf-example", 100)));
            int index = rt.index("vrf-example");
            try (CgroupVrfBinding binding = CgroupVrfBinding.bind(cgroupDirectory, index)) {
                done.add("bound " + binding.cgroup() + " to vrf-example (device index " + binding.ifindex() + ")");
            }
            return done;
        }
    }
}
