package nftlink.examples.errors;

import nftlink.cgroup.CgroupException;
import nftlink.netlink.NftlinkException;
import nftlink.nftables.Nftables;
import nftlink.vrf.CgroupBindingException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public exception type of the four library modules sits under {@link NftlinkException},
 * so a tool catches one type for everything the library throws on bad input or kernel refusal.
 */
class ExceptionHierarchyTest {

    /** One class of each library module, to find the module's classes. */
    private static final List<Class<?>> MODULES = List.of(NftlinkException.class, Nftables.class,
            CgroupException.class, CgroupBindingException.class);

    @Test
    void everyPublicLibraryExceptionExtendsTheRoot() throws Exception {
        List<Class<?>> exceptions = new ArrayList<>();
        for (Class<?> anchor : MODULES) {
            for (String name : classNames(anchor)) {
                Class<?> c = Class.forName(name, false, anchor.getClassLoader());
                if (Throwable.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                        && (c.getEnclosingClass() == null || Modifier.isPublic(c.getEnclosingClass().getModifiers()))) {
                    exceptions.add(c);
                }
            }
        }
        assertThat(exceptions).extracting(Class::getSimpleName).contains("NetlinkKernelException",
                "TransactionException", "NftParseException", "JsonException", "DebugSyntaxException", "ElementException",
                "OverlapException", "MountInfoException", "InvalidCgroupPathException", "CgroupBindingException",
                "UnsupportedLinkKindException");
        assertThat(exceptions).allSatisfy(c -> assertThat(NftlinkException.class).isAssignableFrom(c));
    }

    private static List<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return classNames(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classNames(jar.getPath("/"));
        }
    }

    private static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString())
                    .filter(p -> p.endsWith(".class") && p.startsWith("nftlink/") && !p.endsWith("module-info.class")
                            && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }
}
