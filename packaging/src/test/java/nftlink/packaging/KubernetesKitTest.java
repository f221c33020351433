package nftlink.packaging;

import nftlink.nftables.json.JsonValue;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packaging/k8s: the manifests checked against Kubernetes' API schemas (the
 * kubernetes-models npm package, installed from its lock file into target/), the
 * DaemonSet's privileges, and the ConfigMap's policy through the daemon's dry run.
 */
class KubernetesKitTest {

    static Path check;

    @BeforeAll
    static void installSchemas() throws IOException, InterruptedException {
        check = Files.createDirectories(Packages.target().resolve("k8s-check"));
        for (String f : List.of("package.json", "package-lock.json", "validate.mjs", "to-json.mjs")) {
            Files.copy(Packages.module().resolve("k8s/check").resolve(f), check.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(check.resolve("node_modules/kubernetes-models"))) {
            TestNamespace.Result r = Packages.run(check, Map.of(), 5, "npm", "ci", "--no-audit", "--no-fund");
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        }
    }

    @Test
    void theManifestsMatchTheKubernetesApiSchemas() throws IOException, InterruptedException {
        TestNamespace.Result r = Packages.run(check, Map.of(), 2, "node", "validate.mjs",
                manifest("configmap.yaml").toString(), manifest("daemonset.yaml").toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("valid " + manifest("configmap.yaml") + " v1/ConfigMap nftlink-policy",
                "valid " + manifest("daemonset.yaml") + " apps/v1/DaemonSet nftlinkd");
    }

    @Test
    void theSchemaCheckRejectsAWrongType(@TempDir Path dir) throws IOException, InterruptedException {
        Path broken = dir.resolve("daemonset.yaml");
        Files.writeString(broken, Files.readString(manifest("daemonset.yaml")).replace("hostNetwork: true", "hostNetwork: \"yes\""));
        TestNamespace.Result r = Packages.run(check, Map.of(), 2, "node", "validate.mjs", broken.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("hostNetwork must be boolean");
    }

    @Test
    void theDaemonRunsOnTheHostNetworkWithNetAdminOnlyAndTheCgroupTreeReadOnly() throws IOException, InterruptedException {
        JsonValue.Obj pod = path(document("daemonset.yaml"), "spec", "template", "spec");
        assertThat(pod.members().get("hostNetwork")).isEqualTo(new JsonValue.Bool(true));
        JsonValue.Obj daemon = container(pod, "nftlinkd");
        JsonValue.Obj security = path(daemon, "securityContext");
        assertThat(path(security, "capabilities").toJson().replace(" ", ""))
                .isEqualTo("{\"drop\":[\"ALL\"],\"add\":[\"NET_ADMIN\"]}");
        assertThat(security.members().get("privileged")).isEqualTo(new JsonValue.Bool(false));
        assertThat(security.members().get("allowPrivilegeEscalation")).isEqualTo(new JsonValue.Bool(false));
        assertThat(mount(daemon, "cgroup").members().get("readOnly")).isEqualTo(new JsonValue.Bool(true));
        assertThat(path(container(pod, "reloader"), "securityContext", "capabilities").toJson().replace(" ", ""))
                .isEqualTo("{\"drop\":[\"ALL\"]}");
        assertThat(path(daemon, "readinessProbe", "exec").toJson()).contains("\"status\"");
    }

    @Test
    @KernelTest
    void theConfigMapPolicyIsWhatTheDaemonReadsAndPassesItsDryRun(TestNamespace ns, @TempDir Path root)
            throws IOException, InterruptedException {
        JsonValue.Obj pod = path(document("daemonset.yaml"), "spec", "template", "spec");
        JsonValue.Obj daemon = container(pod, "nftlinkd");
        String mountPath = ((JsonValue.Str) mount(daemon, "policy").members().get("mountPath")).value();
        List<JsonValue> args = ((JsonValue.Arr) daemon.members().get("args")).items();
        assertThat(args.getLast()).isEqualTo(new JsonValue.Str(mountPath + "/nftables.conf"));

        Path policy = root.resolve("nftables.conf");
        JsonValue.Obj configMap = document("configmap.yaml");
        Files.writeString(policy, ((JsonValue.Str) path(configMap, "data").members().get("nftables.conf")).value());
        DebPackageTest.installInto(root);
        TestNamespace.Result r = Packages.run(root, Map.of(), 2, root.resolve("usr/sbin/nftlinkd").toString(),
                "--dry-run", "--load", "--netns", ns.name(), policy.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("add chain inet nftlink output");
        assertThat(ns.exec(Packages.referenceNft(), "list", "ruleset").orThrow()).as("a dry run changes nothing").isEmpty();
    }

    private static Path manifest(String name) {
        return Packages.module().resolve("k8s").resolve(name);
    }

    /** The one document of a manifest, parsed by the yaml package and read back as JSON. */
    private static JsonValue.Obj document(String name) throws IOException, InterruptedException {
        TestNamespace.Result r = Packages.run(check, Map.of(), 2, "node", "to-json.mjs", manifest(name).toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<JsonValue> docs = ((JsonValue.Arr) JsonValue.parse(r.stdout())).items();
        assertThat(docs).hasSize(1);
        return (JsonValue.Obj) docs.getFirst();
    }

    private static JsonValue.Obj path(JsonValue.Obj o, String... names) {
        JsonValue v = o;
        for (String n : names) {
            v = ((JsonValue.Obj) v).members().get(n);
            assertThat(v).as(String.join(".", names)).isNotNull();
        }
        return (JsonValue.Obj) v;
    }

    private static JsonValue.Obj named(JsonValue list, String name) {
        return ((JsonValue.Arr) list).items().stream().map(JsonValue.Obj.class::cast)
                .filter(c -> c.members().get("name").equals(new JsonValue.Str(name))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    private static JsonValue.Obj container(JsonValue.Obj pod, String name) {
        return named(pod.members().get("containers"), name);
    }

    private static JsonValue.Obj mount(JsonValue.Obj container, String name) {
        return named(container.members().get("volumeMounts"), name);
    }
}
