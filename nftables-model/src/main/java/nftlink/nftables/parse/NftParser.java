package nftlink.nftables.parse;

import nftlink.nftables.Family;
import nftlink.nftables.Nftables;
import nftlink.nftables.NftOperation;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.RuleRenderer;
import nftlink.nftables.lang.RuleSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Parses the nft language into operations: whole files as {@code nft -f} takes
 * them (table blocks with chains, sets, maps and rules; {@code flush ruleset};
 * {@code add|create|insert|replace|delete|destroy|flush} command lines;
 * {@code define}/{@code $var}; {@code include}; comments; line continuations)
 * and single command lines as {@code nft} takes them on its command line. Besides tables,
 * chains, rules, sets and maps (with {@code type} or {@code typeof} keys and data), it reads
 * flowtables and every stateful object nft declares (counter, quota, limit, ct helper,
 * ct timeout, ct expectation, synproxy, secmark). Host names in addresses are resolved only
 * when asked for ({@link #withHostnameResolution(boolean)}).
 *
 * <p>Rules compile through the rule language ({@link RuleSpec}, {@link Linearizer}).
 * Everything is parsed before anything is returned, so a file with an error yields
 * a {@link NftParseException} and no operations: nothing reaches the kernel.
 *
 * <pre>{@code
 * NftScript script = NftParser.forKernel(nft).parseFile(Path.of("rules.nft"));
 * AppliedScript applied = script.applyTo(nft);       // or nft.apply(Path.of("rules.nft"))
 * }</pre>
 */
public final class NftParser {

    private final CgroupPathResolver cgroups;
    private final InterfaceResolver interfaces;
    private final SetLookup sets;
    private final HostnameResolver hostnames;
    private final List<Path> includePath;
    private final List<String> defines;

    /**
     * A parser that resolves interface names through sysfs ({@link InterfaceResolver#sysfs()}).
     *
     * @param cgroups resolves {@code socket cgroupv2 level N "PATH"} paths to IDs
     * @param sets    finds sets the text adds elements to without declaring them
     */
    public NftParser(CgroupPathResolver cgroups, SetLookup sets) {
        this(cgroups, InterfaceResolver.sysfs(), sets);
    }

    /**
     * A parser that refuses host names in address values.
     *
     * @param cgroups    resolves {@code socket cgroupv2 level N "PATH"} paths to IDs
     * @param interfaces resolves interface names in {@code iif}/{@code oif} to indexes
     * @param sets       finds sets the text adds elements to without declaring them
     */
    public NftParser(CgroupPathResolver cgroups, InterfaceResolver interfaces, SetLookup sets) {
        this(cgroups, interfaces, sets, HostnameResolver.DISABLED);
    }

    /**
     * A parser with every resolver given.
     *
     * @param cgroups    resolves {@code socket cgroupv2 level N "PATH"} paths to IDs
     * @param interfaces resolves interface names in {@code iif}/{@code oif} to indexes
     * @param sets       finds sets the text adds elements to without declaring them
     * @param hostnames  resolves host names in address values ({@link HostnameResolver#DISABLED}: they are errors)
     */
    public NftParser(CgroupPathResolver cgroups, InterfaceResolver interfaces, SetLookup sets, HostnameResolver hostnames) {
        this(cgroups, interfaces, sets, hostnames, List.of(), List.of());
    }

    private NftParser(CgroupPathResolver cgroups, InterfaceResolver interfaces, SetLookup sets, HostnameResolver hostnames,
                      List<Path> includePath, List<String> defines) {
        this.cgroups = Objects.requireNonNull(cgroups, "cgroups");
        this.interfaces = Objects.requireNonNull(interfaces, "interfaces");
        this.sets = Objects.requireNonNull(sets, "sets");
        this.hostnames = Objects.requireNonNull(hostnames, "hostnames");
        this.includePath = List.copyOf(includePath);
        this.defines = List.copyOf(defines);
    }

    /**
     * Whether nft's scanner reads {@code word} as a keyword wherever it stands ({@code tcp}, {@code accept},
     * {@code hour}, ...), so that it can never name a table, chain, set or object without quotes.
     *
     * @param word a word
     * @return whether it is one of those keywords
     */
    public static boolean isKeyword(String word) {
        return Keywords.reserved(word);
    }

    /**
     * Resolves cgroup paths under the mounted cgroup-v2 hierarchy; knows no undeclared sets.
     *
     * @return the parser
     */
    public static NftParser standard() {
        return new NftParser(CgroupPathResolver.mounted(), SetLookup.NONE);
    }

    /**
     * A parser for text applied through {@code nft}: it looks up in the kernel the sets that the
     * text adds elements to without declaring them ({@code add element inet app blocked { 10.0.0.1 }}),
     * and resolves interface names in the namespace {@code nft} was opened in, as {@code nft} does.
     *
     * @param nft the client
     * @return a parser for text applied through {@code nft}
     */
    public static NftParser forKernel(Nftables nft) {
        InterfaceResolver interfaces = nft.namespace().map(InterfaceResolver::in).orElseGet(InterfaceResolver::sysfs);
        return new NftParser(CgroupPathResolver.mounted(), interfaces, SetLookup.inKernel(nft));
    }

    /**
     * This parser with another cgroup resolver.
     *
     * @param resolver the resolver
     * @return this parser with another cgroup resolver
     */
    public NftParser withCgroupResolver(CgroupPathResolver resolver) {
        return new NftParser(resolver, interfaces, sets, hostnames, includePath, defines);
    }

    /**
     * This parser with another interface name resolver.
     *
     * @param resolver the resolver
     * @return this parser with another interface name resolver
     */
    public NftParser withInterfaceResolver(InterfaceResolver resolver) {
        return new NftParser(cgroups, resolver, sets, hostnames, includePath, defines);
    }

    /**
     * This parser with another lookup of undeclared sets.
     *
     * @param lookup the lookup
     * @return this parser with another lookup of undeclared sets
     */
    public NftParser withSetLookup(SetLookup lookup) {
        return new NftParser(cgroups, interfaces, lookup, hostnames, includePath, defines);
    }

    /**
     * This parser resolving host names in address values ({@code ip daddr localhost}) through the
     * JVM's resolver ({@code true}), or rejecting them ({@code false}, the default): a rule set
     * should not depend on name resolution unless its author asks for it.
     *
     * @param resolve whether to resolve host names
     * @return the parser
     */
    public NftParser withHostnameResolution(boolean resolve) {
        return withHostnameResolver(resolve ? HostnameResolver.system() : HostnameResolver.DISABLED);
    }

    /**
     * This parser resolving host names in address values through {@code resolver}.
     *
     * @param resolver the resolver
     * @return this parser resolving host names in address values through {@code resolver}
     */
    public NftParser withHostnameResolver(HostnameResolver resolver) {
        return new NftParser(cgroups, interfaces, sets, resolver, includePath, defines);
    }

    /**
     * This parser looking for included files in {@code directories} first, in order, as {@code nft -I}
     * does: names that do not start with {@code /}, {@code ./} or {@code ../}; a name found in none
     * of them resolves as before, against the including file's directory.
     *
     * @param directories the directories, in order
     * @return this parser looking for included files in {@code directories} first, in order, as {@code nft -I} does
     */
    public NftParser withIncludePath(List<Path> directories) {
        return new NftParser(cgroups, interfaces, sets, hostnames, directories, defines);
    }

    /**
     * This parser with variables defined before the text, as {@code nft -D NAME=VALUE} defines them:
     * each {@code NAME=VALUE} read as {@code define NAME=VALUE} from {@code <cmdline>}.
     *
     * @param definitions {@code NAME=VALUE} definitions
     * @return this parser with variables defined before the text, as {@code nft -D NAME=VALUE} defines them
     */
    public NftParser withDefines(List<String> definitions) {
        return new NftParser(cgroups, interfaces, sets, hostnames, includePath, definitions);
    }

    /**
     * Parses {@code text}; error messages name it {@code fileName}, and relative
     * includes resolve against the current directory.
     *
     * @param text the nft text
     * @param fileName the name errors give the text
     * @return the parsed operations
     * @throws NftParseException for text that is not valid, or not supported
     */
    public NftScript parse(String text, String fileName) {
        return new Compiler(cgroups, interfaces, sets, hostnames, includePath, defines).run(Lexer.tokens(fileName, text), null);
    }

    /**
     * Parses a file; relative includes resolve against its directory.
     *
     * @param file the file
     * @return the parsed operations
     * @throws NftParseException for text that is not valid, or not supported
     * @throws IOException       when the file cannot be read
     */
    public NftScript parseFile(Path file) throws IOException {
        return parse(InputLimits.read(file), file);
    }

    /**
     * Parses {@code text} read from {@code file}: errors name the file, relative
     * includes resolve against its directory.
     *
     * @param text the nft text
     * @param file the file
     * @return the parsed operations
     * @throws NftParseException for text that is not valid, or not supported
     */
    public NftScript parse(String text, Path file) {
        return new Compiler(cgroups, interfaces, sets, hostnames, includePath, defines).run(Lexer.tokens(file.toString(), text), file.toAbsolutePath().normalize());
    }

    /**
     * Parses one command given as words, as {@code nft add rule inet t c tcp dport 22 accept}
     * takes them (joined with spaces, like nft does).
     *
     * @param words the command's words
     * @return the parsed operations
     * @throws NftParseException for a command that is not valid, or not supported
     */
    public NftScript parseCommand(List<String> words) {
        return parse(String.join(" ", words), "<cmdline>");
    }

    /**
     * Parses the statements of one rule ({@code tcp dport 22 counter accept}) into a
     * {@link RuleSpec} for chain {@code chain} of table {@code family table}.
     *
     * @param family the table's family
     * @param table the table's name
     * @param chain the chain's name
     * @param statements the statements, in nft syntax
     * @return the rule
     * @throws NftParseException for statements that are not valid, or not supported
     */
    public RuleSpec parseRule(Family family, String table, String chain, String statements) {
        Compiler compiler = new Compiler(cgroups, interfaces, sets, hostnames, includePath, defines);
        try {
            return compiler.ruleSpec(Lexer.tokens("<rule>", statements), family, table, chain);
        } catch (IllegalArgumentException e) {
            throw new NftParseException(new SourceLocation("<rule>", 1, 1, 1, statements.lines().findFirst().orElse("")),
                    NftParseException.problem(e));
        }
    }

    /** Renders the rule as nft prints it in {@code nft -e}; used for echo lines. */
    static String echo(String command, RuleSpec spec) {
        String body = RuleRenderer.DEFAULT.render(spec);
        return command + " " + spec.family().nftName() + " " + spec.table() + " " + spec.chain() + " " + body;
    }
}
