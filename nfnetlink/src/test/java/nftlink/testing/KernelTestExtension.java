package nftlink.testing;

import nftlink.netlink.internal.LinuxCalls;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Skips (or, under CI, fails) kernel tests without root, and hands out throwaway namespaces. */
public final class KernelTestExtension implements ExecutionCondition, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KernelTestExtension.class);

    /** Why kernel tests cannot run here, or {@code null} when they can. */
    public static String missingPrerequisite() {
        if (LinuxCalls.geteuid() != 0) {
            return "kernel tests need root (they create network namespaces); run the README's test command as root";
        }
        for (String tool : List.of("ip", "nft")) {
            if (!onPath(tool)) {
                return "kernel tests need '" + tool + "' (Debian packages iproute2 and nftables); the README's test command installs them";
            }
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missingPrerequisite();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("root, ip and nft available");
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run kernel tests, but " + missing);
        }
        return ConditionEvaluationResult.disabled("skipped: " + missing);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestNamespace ns = TestNamespace.create();
        context.getStore(STORE).put(ns.name(), (ExtensionContext.Store.CloseableResource) ns::close);
        return ns;
    }
}
