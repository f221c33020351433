package nftlink.packaging;

import nftlink.nftables.json.JsonValue;
import nftlink.testing.KernelTest;
import nftlink.testing.TestNamespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The OCI image build-image writes: a valid layout, and podman runs it with NET_ADMIN only. */
class OciImageTest {

    @Test
    void everyDescriptorOfTheLayoutMatchesItsBlobsDigestAndSize() throws IOException {
        Path layout = Packages.ociLayout();
        assertThat(Files.readString(layout.resolve("oci-layout")).strip()).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
        JsonValue.Obj index = object(Files.readString(layout.resolve("index.json")));
        assertThat(string(index, "mediaType")).isEqualTo("application/vnd.oci.image.index.v1+json");
        JsonValue.Obj descriptor = (JsonValue.Obj) ((JsonValue.Arr) index.members().get("manifests")).items().getFirst();
        assertThat(string(object(descriptor.members().get("annotations").toJson()), "org.opencontainers.image.ref.name"))
                .isEqualTo("nftlink:" + Packages.version());

        JsonValue.Obj manifest = object(blob(layout, descriptor, "application/vnd.oci.image.manifest.v1+json"));
        JsonValue.Obj configDescriptor = (JsonValue.Obj) manifest.members().get("config");
        JsonValue.Obj config = object(blob(layout, configDescriptor, "application/vnd.oci.image.config.v1+json"));
        List<JsonValue> layers = ((JsonValue.Arr) manifest.members().get("layers")).items();
        assertThat(layers).hasSize(1);
        Path layer = blobPath(layout, (JsonValue.Obj) layers.getFirst(), "application/vnd.oci.image.layer.v1.tar+gzip");

        String diffId = ((JsonValue.Arr) ((JsonValue.Obj) config.members().get("rootfs")).members().get("diff_ids")).items().getFirst()
                .toJson().replace("\"", "");
        String uncompressed = Packages.output("sh", "-c", "gzip -dc \"$1\" | sha256sum", "_", layer.toString()).substring(0, 64);
        assertThat(diffId).isEqualTo("sha256:" + uncompressed);
        assertThat(string(config, "os")).isEqualTo("linux");
        assertThat(string(config, "architecture")).isEqualTo(Packages.debArch());
        assertThat(((JsonValue.Arr) ((JsonValue.Obj) config.members().get("config")).members().get("Entrypoint")).items())
                .extracting(v -> ((JsonValue.Str) v).value())
                .containsExactly("/usr/lib/nftlink/runtime/bin/java", "-m", "nftlink.examples/nftlink.examples.daemon.Nftlinkd");
    }

    @Test
    void theLayerHoldsTheRuntimeAndTheCLibrariesItLoadsAndNoShell() throws IOException {
        Path layout = Packages.ociLayout();
        JsonValue.Obj index = object(Files.readString(layout.resolve("index.json")));
        JsonValue.Obj descriptor = (JsonValue.Obj) ((JsonValue.Arr) index.members().get("manifests")).items().getFirst();
        JsonValue.Obj manifest = object(blob(layout, descriptor, "application/vnd.oci.image.manifest.v1+json"));
        Path layer = blobPath(layout, (JsonValue.Obj) ((JsonValue.Arr) manifest.members().get("layers")).items().getFirst(),
                "application/vnd.oci.image.layer.v1.tar+gzip");
        List<String> entries = List.of(Packages.output("tar", "-tzf", layer.toString()).split("\n"));
        assertThat(entries).contains("./usr/lib/nftlink/runtime/bin/java", "./usr/lib/nftlink/runtime/lib/server/libjvm.so");
        assertThat(entries).anyMatch(e -> e.endsWith("/libc.so.6")).anyMatch(e -> e.contains("ld-linux"));
        assertThat(entries).noneMatch(e -> e.equals("./bin/sh") || e.equals("./usr/bin/sh"));
    }

    @Test
    @KernelTest
    void podmanRunsTheImageWithOnlyNetAdminAndListsTheRuleSetAsTheReferenceNftDoes(TestNamespace ns) {
        boolean podman = Packages.installed("podman") && Packages.installed("runc");
        if (!podman && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the image: podman and runc are missing (run-tests installs them)");
        }
        assumeTrue(podman, "podman and runc are not installed (run-tests installs them)");
        ns.exec(Packages.referenceNft(), "add", "table", "inet", "fleet").orThrow();
        ns.exec(Packages.referenceNft(), "add", "chain", "inet", "fleet", "input", "{ type filter hook input priority 0; }").orThrow();
        String image = "localhost/nftlink:" + Packages.version();
        Packages.output("podman", "load", "--quiet", "-i", Packages.ociArchive().toString());
        TestNamespace.Result r = TestNamespace.run(List.of("podman", "--runtime", runc(), "run", "--rm",
                "--network", "ns:/run/netns/" + ns.name(), "--cap-drop", "all", "--cap-add", "NET_ADMIN",
                // this sandbox's hard limits are below podman's defaults
                "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
                "--entrypoint", "[\"/usr/lib/nftlink/runtime/bin/java\",\"-m\",\"nftlink.examples/nftlink.examples.cli.Main\"]",
                image, "list", "ruleset"), null);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(ns.exec(Packages.referenceNft(), "list", "ruleset").orThrow());
    }

    /** runc, which runs containers on this machine's hybrid cgroup hierarchy (crun refuses it). */
    private static String runc() {
        for (String p : List.of("/usr/sbin/runc", "/usr/bin/runc")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "runc";
    }

    private static JsonValue.Obj object(String json) {
        return (JsonValue.Obj) JsonValue.parse(json);
    }

    private static String string(JsonValue.Obj o, String name) {
        return ((JsonValue.Str) o.members().get(name)).value();
    }

    private static String blob(Path layout, JsonValue.Obj descriptor, String mediaType) throws IOException {
        return Files.readString(blobPath(layout, descriptor, mediaType));
    }

    /** The blob a descriptor names, after checking its media type, size and digest. */
    private static Path blobPath(Path layout, JsonValue.Obj descriptor, String mediaType) throws IOException {
        assertThat(string(descriptor, "mediaType")).isEqualTo(mediaType);
        String digest = string(descriptor, "digest");
        assertThat(digest).startsWith("sha256:");
        Path blob = layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
        assertThat(Files.size(blob)).isEqualTo(Long.parseLong(descriptor.members().get("size").toJson()));
        assertThat(Packages.output("sha256sum", blob.toString()).substring(0, 64)).isEqualTo(digest.substring(7));
        return blob;
    }
}
