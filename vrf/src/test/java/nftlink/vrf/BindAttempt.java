package nftlink.vrf;

import java.nio.file.Path;

/**
 * Tries to bind a cgroup to a device and prints the outcome; {@link CgroupBindingKernelTest}
 * runs it without capabilities to see the permission error a user would get.
 */
public final class BindAttempt {
    private BindAttempt() {
    }

    public static void main(String[] args) {
        try {
            CgroupVrfBinding binding = CgroupVrfBinding.bind(Path.of(args[0]), Integer.parseInt(args[1]));
            binding.detach();
            System.out.println("BOUND");
        } catch (CgroupBindingException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }
}
