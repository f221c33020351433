package nftlink.packaging;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape the code keeps (issue #19): main-code files under 800 lines (the kernel's constant
 * tables, {@code *Uapi}, aside), methods under 80,
 * imports instead of class names written out in the code. Reads every main source file of
 * the repository with the JDK's own parser, so a method is measured from its declaration to
 * its closing brace whatever strings or comments it holds. And no two public types of the library's
 * exported packages share a simple name or differ only in case (issue #16).
 */
class SourceShapeTest {

    private static final int MAX_FILE_LINES = 800;
    private static final int MAX_METHOD_LINES = 80;
    /** The packages the four library modules export. */
    private static final Pattern LIBRARY_PACKAGE = Pattern.compile("nftlink\\.(netlink|nfnetlink|nftables|nftables\\.(expr|lang|parse|json|xt)|cgroup|rtnetlink|vrf)");

    /** Collections, buffers and counters a static field must not be created as. */
    private static final Pattern MUTABLE_HOLDER = Pattern.compile(
            "(HashMap|LinkedHashMap|TreeMap|EnumMap|ConcurrentHashMap|WeakHashMap|IdentityHashMap|HashSet|LinkedHashSet|TreeSet"
                    + "|ArrayList|LinkedList|ArrayDeque|StringBuilder|Atomic\\w+)(<.*>)?");
    /**
     * The static state there is, for a reason: the per-class cache of record shapes (written once per record type,
     * what a {@code ClassValue} would hold if it could take the caller's lookup).
     */
    private static final List<String> STATEFUL_STATICS = List.of("RecordCopy.java: SHAPES is a ConcurrentHashMap<>");

    private static List<CompilationUnitTree> units;
    private static Trees trees;

    @BeforeAll
    static void parse() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().matches("[^/]+/src/main/java/.*"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                    .toList();
        }
        assertThat(files).as("main sources under %s", root).hasSizeGreaterThan(300);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager fm = compiler.getStandardFileManager(null, null, null);
        Iterable<? extends JavaFileObject> objects = fm.getJavaFileObjectsFromPaths(files);
        JavacTask task = (JavacTask) compiler.getTask(null, fm, d -> { }, List.of("-proc:none"), null, objects);
        units = new ArrayList<>();
        task.parse().forEach(units::add);
        trees = Trees.instance(task);
    }

    @Test
    void mainFilesStayUnder800Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (CompilationUnitTree unit : units) {
            if (name(unit).endsWith("Uapi.java")) {
                // the constant tables of the kernel's uapi headers, one constant per header line
                continue;
            }
            LineMap lines = unit.getLineMap();
            long last = lines.getLineNumber(Math.max(0, unit.getSourceFile().getCharContent(true).length() - 1));
            if (last > MAX_FILE_LINES) {
                tooLong.add(name(unit) + ": " + last + " lines");
            }
        }
        assertThat(tooLong).as("files over %d lines", MAX_FILE_LINES).isEmpty();
    }

    @Test
    void methodsStayUnder80Lines() {
        List<String> tooLong = new ArrayList<>();
        SourcePositions positions = trees.getSourcePositions();
        for (CompilationUnitTree unit : units) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMethod(MethodTree method, Void unused) {
                    if (method.getBody() != null) {
                        long from = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, method));
                        long to = unit.getLineMap().getLineNumber(positions.getEndPosition(unit, method));
                        if (to - from + 1 > MAX_METHOD_LINES) {
                            tooLong.add(name(unit) + "." + method.getName() + ": " + (to - from + 1) + " lines");
                        }
                    }
                    return super.visitMethod(method, unused);
                }
            }.scan(unit, null);
        }
        assertThat(tooLong).as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
    }

    @Test
    void classesAreImportedNotWrittenOut() {
        List<String> written = new ArrayList<>();
        for (CompilationUnitTree unit : units) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                    String text = select.toString();
                    if (text.matches("(nftlink|java|javax|jdk)(\\.[a-z]\\w*)+\\.[A-Z]\\w*")) {
                        written.add(name(unit) + ": " + text);
                        return null;
                    }
                    return super.visitMemberSelect(select, unused);
                }
            }.scan(unit.getTypeDecls(), null);
        }
        assertThat(written).as("qualified class names in code").isEmpty();
    }

    @Test
    void staticFieldsAreConstants() {
        List<String> mutable = new ArrayList<>();
        for (CompilationUnitTree unit : units) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitVariable(VariableTree field, Void unused) {
                    var flags = field.getModifiers().getFlags();
                    if (flags.contains(Modifier.STATIC)) {
                        if (!flags.contains(Modifier.FINAL)) {
                            mutable.add(name(unit) + ": " + field.getName() + " is not final");
                        } else if (field.getInitializer() instanceof NewClassTree created
                                && MUTABLE_HOLDER.matcher(created.getIdentifier().toString()).matches()) {
                            mutable.add(name(unit) + ": " + field.getName() + " is a " + created.getIdentifier());
                        }
                    }
                    return super.visitVariable(field, unused);
                }

                @Override
                public Void visitMethod(MethodTree method, Void unused) {
                    return null;
                }
            }.scan(unit.getTypeDecls(), null);
        }
        assertThat(mutable).as("static fields that hold state (issue #19)").containsExactlyInAnyOrderElementsOf(STATEFUL_STATICS);
    }

    @Test
    void noTwoTypesShareASimpleNameOrDifferOnlyInCase() {
        Map<String, List<String>> byName = new TreeMap<>();
        for (CompilationUnitTree unit : units) {
            String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
            if (!LIBRARY_PACKAGE.matcher(pkg).matches()) {
                continue;
            }
            for (var type : unit.getTypeDecls()) {
                if (type instanceof ClassTree c && c.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
                    byName.computeIfAbsent(c.getSimpleName().toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(pkg + "." + c.getSimpleName());
                }
            }
        }
        List<List<String>> clashes = byName.values().stream().filter(names -> names.size() > 1).toList();
        assertThat(clashes).as("public types of the library that a wildcard import or a case-insensitive file system mixes up")
                .isEmpty();
    }

    private static String name(CompilationUnitTree unit) {
        return Path.of(unit.getSourceFile().toUri()).getFileName().toString();
    }
}
