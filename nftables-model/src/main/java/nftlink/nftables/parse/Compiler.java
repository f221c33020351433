package nftlink.nftables.parse;

import nftlink.nftables.BaseChain;
import nftlink.nftables.Chain;
import nftlink.nftables.ChainPolicy;
import nftlink.nftables.ChainPriority;
import nftlink.nftables.ChainType;
import nftlink.nftables.Family;
import nftlink.nftables.Flowtable;
import nftlink.nftables.Hook;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftObject;
import nftlink.nftables.NftOperation;
import nftlink.nftables.NftSet;
import nftlink.nftables.Rule;
import nftlink.nftables.Table;
import nftlink.nftables.lang.NatMapData;
import nftlink.nftables.lang.BatchIds;
import nftlink.nftables.lang.DynamicSets;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Linearizer;
import nftlink.nftables.lang.Match;
import nftlink.nftables.lang.NamedSetLookups;
import nftlink.nftables.lang.RuleSpec;
import nftlink.nftables.lang.Statement;
import nftlink.nftables.lang.Value;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** One parse: walks the commands and collects the operations. */
final class Compiler {

    private final CgroupPathResolver cgroups;
    private final InterfaceResolver interfaces;
    private final SetLookup lookup;
    private final Map<String, SetShape> declared = new HashMap<>();
    private final List<ParsedOperation> out = new ArrayList<>();
    private final BatchIds ids = new BatchIds();
    private Cursor c;
    private ValueParser values;
    private SetCommands sets;
    private Token commandStart;
    private int includedFiles;
    private long includedBytes;
    /** Whether a rule compiled so far updates a set from the packet path (see {@link DynamicSets#updatesSets}). */
    private boolean setUpdates;
    /** The parser of the last rule, reused for the next rule of the same table (it holds nothing of a rule). */
    private RuleParser ruleParser;
    private Family ruleFamily;
    private String ruleTable;

    private final HostnameResolver hostnames;
    private final List<Path> includePath;
    private final List<String> defines;

    Compiler(CgroupPathResolver cgroups, InterfaceResolver interfaces, SetLookup lookup, HostnameResolver hostnames,
             List<Path> includePath, List<String> defines) {
        this.cgroups = cgroups;
        this.interfaces = interfaces;
        this.lookup = lookup;
        this.hostnames = hostnames;
        this.includePath = includePath;
        this.defines = defines;
    }

    NftScript run(List<Token> tokens, Path file) {
        c = new Cursor(new TokenStream(tokens, file));
        if (!defines.isEmpty()) {
            // nft reads -D NAME=VALUE as "define NAME=VALUE; " lines of <cmdline> before the input
            StringBuilder text = new StringBuilder();
            defines.forEach(d -> text.append("define ").append(d).append("; "));
            List<Token> cmdline = Lexer.tokens("<cmdline>", text.toString());
            c.in.include(cmdline, List.of(), cmdline.getFirst().location());
        }
        values = new ValueParser(c, cgroups, interfaces).withHostnames(hostnames);
        sets = new SetCommands(c, values, lookup, declared, ids);
        while (!c.at(Token.Kind.END)) {
            if (c.accept(Token.Kind.NEWLINE) || c.accept(Token.Kind.SEMICOLON)) {
                continue;
            }
            Token start = c.peek();
            commandStart = start;
            try {
                command();
            } catch (IllegalArgumentException e) {
                throw new NftParseException(start.location(), NftParseException.problem(e));
            } catch (StackOverflowError e) {
                throw tooDeep(start);
            }
            if (!start.is("include")) {
                endOfStatement();
            }
        }
        return new NftScript(setUpdates ? DynamicSets.flagged(out, ParsedOperation::operation,
                ParsedOperation::withOperation) : out);
    }

    /** The parser's stack ran out: a last line of defence behind {@link InputLimits}' nesting limit. */
    private NftParseException tooDeep(Token start) {
        return new NftParseException(start.location(), "expression nested too deeply");
    }

    private void endOfStatement() {
        if (!c.accept(Token.Kind.NEWLINE) && !c.accept(Token.Kind.SEMICOLON) && !c.at(Token.Kind.END)) {
            throw c.unexpected("newline or ';'");
        }
    }

    private void command() {
        Token t = c.peek();
        if (t.kind() != Token.Kind.WORD) {
            throw c.unexpected("a command (table, add, delete, flush, define, include, ...)");
        }
        switch (t.text()) {
            case "define", "redefine" -> define();
            case "undefine" -> {
                c.next();
                c.in.nextRaw();
            }
            case "include" -> include();
            case "add" -> {
                c.next();
                add(false, false);
            }
            case "create" -> {
                c.next();
                add(true, false);
            }
            case "insert" -> {
                c.next();
                Token what = c.expect("rule");
                ruleCommand(what, "insert");
            }
            case "replace" -> {
                c.next();
                Token what = c.expect("rule");
                ruleCommand(what, "replace");
            }
            case "delete", "destroy" -> delete(c.next().text().equals("destroy"));
            case "flush" -> flush();
            case "table", "chain", "rule", "set", "map", "element" -> add(false, true);
            case "list", "reset", "monitor", "describe", "get", "rename", "export", "import" ->
                    throw Cursor.error(t, "unsupported: '" + t.text() + "' commands are not supported by nftlink's parser "
                            + "(run nftlink list ... or nftlink reset ... as a command)");
            default -> throw c.unexpected("a command (table, add, create, insert, replace, delete, flush, define, include)");
        }
    }

    private void define() {
        c.next();
        Token name = c.in.nextRaw();
        if (name.kind() != Token.Kind.WORD) {
            throw Cursor.error(name, "syntax error, unexpected " + name.describe() + ", expecting a variable name");
        }
        c.expect(Token.Kind.EQUALS, "'='");
        List<Token> value = new ArrayList<>();
        int depth = 0;
        while (true) {
            Token t = c.in.peekRaw();
            if (t.kind() == Token.Kind.END || depth == 0 && (t.kind() == Token.Kind.NEWLINE || t.kind() == Token.Kind.SEMICOLON)) {
                break;
            }
            if (t.kind() == Token.Kind.LBRACE) {
                depth++;
            } else if (t.kind() == Token.Kind.RBRACE) {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            c.in.nextRaw();
            value.add(t.kind() == Token.Kind.VARIABLE ? c.in.bind(t) : t);
        }
        if (value.isEmpty()) {
            throw c.unexpected("a value");
        }
        c.in.define(name.text(), value);
    }

    /** {@code include "FILE"}, relative to the including file; a pattern ({@code *.nft}) includes its matches in order. */
    private void include() {
        c.next();
        Token name = c.expect(Token.Kind.STRING, "a quoted file name");
        Path dir = c.in.currentDirectory();
        Path target = (dir == null ? Path.of(name.text()) : dir.resolve(name.text())).toAbsolutePath().normalize();
        List<Path> files = searched(name).orElseGet(
                () -> name.text().matches(".*[*?\\[].*") ? matches(name, target) : List.of(target));
        List<Token> tokens = new ArrayList<>();
        for (Path file : files) {
            String text;
            if (++includedFiles > InputLimits.MAX_FILES) {
                throw Cursor.error(name, "too many included files (at most " + InputLimits.MAX_FILES + ")");
            }
            try {
                text = InputLimits.read(file);
            } catch (IOException e) {
                throw Cursor.error(name, "cannot include " + file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            if ((includedBytes += text.length()) > InputLimits.MAX_TOTAL_BYTES) {
                throw Cursor.error(name, "cannot include " + file + ": the input would exceed "
                        + (InputLimits.MAX_TOTAL_BYTES >> 20) + " MiB in all");
            }
            tokens.addAll(Lexer.tokens(file.toString(), text));
        }
        endOfStatement();
        c.in.include(tokens, files, name.location());
    }

    /** The files an include names in the first include-path directory that has any ({@code nft -I}), if one has. */
    private Optional<List<Path>> searched(Token name) {
        String n = name.text();
        if (n.startsWith("/") || n.startsWith("./") || n.startsWith("../")) {
            return Optional.empty();
        }
        for (Path directory : includePath) {
            Path candidate = directory.resolve(n).toAbsolutePath().normalize();
            List<Path> found = n.matches(".*[*?\\[].*") ? matches(name, candidate)
                    : Files.isRegularFile(candidate) ? List.of(candidate) : List.of();
            if (!found.isEmpty()) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** The files in the pattern's directory whose names match its last component, sorted; none is no error (as in nft). */
    private static List<Path> matches(Token name, Path pattern) {
        Path directory = pattern.getParent();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        PathMatcher matcher = directory.getFileSystem().getPathMatcher("glob:" + pattern.getFileName());
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> matcher.matches(p.getFileName()) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | RuntimeException e) {
            throw Cursor.error(name, "cannot include " + pattern + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** {@code [family]} then a table name, as nft reads it: a family word is always the family, never a name. */
    private record Qualified(Family family, Token name) {
    }

    private Qualified familyAndName(String what) {
        Token first = c.peek();
        Family family = Family.IP;
        if (first.kind() == Token.Kind.WORD && isFamily(first.text())) {
            c.next();
            family = Family.ofName(first.text());
        }
        return new Qualified(family, c.identifier(what));
    }

    private static boolean isFamily(String s) {
        return switch (s) {
            case "ip", "ip6", "inet", "arp", "bridge", "netdev" -> true;
            default -> false;
        };
    }

    private void add(boolean exclusive, boolean implicit) {
        Token what = c.expect(Token.Kind.WORD, "table, chain, rule, set, map or element");
        switch (what.text()) {
            case "table" -> table(what, exclusive);
            case "chain" -> {
                Qualified q = familyAndName("a table name");
                Token name = c.identifier("a chain name");
                List<ParsedOperation> rules = new ArrayList<>();
                chain(what, q.family(), q.name().text(), name, exclusive, rules);
                out.getLast().at(ParsedOperation.Part.TABLE, q.name()).at(ParsedOperation.Part.NAME, name);
                out.addAll(rules);
            }
            case "rule" -> {
                if (exclusive) {
                    throw Cursor.error(what, "syntax error, 'create rule' does not exist (use add or insert)");
                }
                ruleCommand(what, "add");
            }
            case "set", "map" -> {
                Qualified q = familyAndName("a table name");
                Token name = c.identifier("a set name");
                out.addAll(sets.declaration(what, q.family(), q.name().text(), name, exclusive, what.text().equals("map")));
            }
            case "element" -> element(exclusive ? "create" : "add");
            case "counter", "quota", "limit", "ct", "synproxy", "secmark" -> {
                String kind = ObjectParser.keyword(c, what);
                Qualified q = familyAndName("a table name");
                Token name = c.identifier("an object name");
                out.add(object(what, kind, q.family(), q.name().text(), name, exclusive));
            }
            case "flowtable" -> {
                Qualified q = familyAndName("a table name");
                Token name = c.identifier("a flowtable name");
                out.add(flowtable(what, q.family(), q.name().text(), name, exclusive));
            }
            default -> throw Cursor.error(what, "syntax error, unexpected " + what.text()
                    + ", expecting table, chain, rule, set, map, element, flowtable, counter, quota, limit, ct, synproxy or secmark");
        }
    }

    private void table(Token start, boolean exclusive) {
        Qualified q = familyAndName("a table name");
        Family family = q.family();
        String name = q.name().text();
        int flags = 0;
        String comment = null;
        List<ParsedOperation> chains = new ArrayList<>();
        List<ParsedOperation> setOps = new ArrayList<>();
        List<ParsedOperation> objects = new ArrayList<>();
        List<ParsedOperation> flowtables = new ArrayList<>();
        List<ParsedOperation> rules = new ArrayList<>();
        if (c.accept(Token.Kind.LBRACE)) {
            while (Block.skipSeparators(c)) {
                Token item = c.expect(Token.Kind.WORD, "chain, set, map, flowtable, an object, flags, comment or '}'");
                switch (item.text()) {
                    case "chain" -> {
                        Token chainName = c.identifier("a chain name");
                        List<ParsedOperation> own = new ArrayList<>();
                        int before = out.size();
                        chain(item, family, name, chainName, false, own);
                        chains.addAll(out.subList(before, out.size()));
                        out.subList(before, out.size()).clear();
                        rules.addAll(own);
                    }
                    case "set", "map" -> {
                        Token setName = c.identifier("a set name");
                        setOps.addAll(sets.declaration(item, family, name, setName, false, item.text().equals("map")));
                    }
                    case "flags" -> {
                        do {
                            Token f = c.expect(Token.Kind.WORD, "a table flag (dormant)");
                            if (!f.text().equals("dormant")) {
                                throw Cursor.error(f, "unsupported table flag " + f.text() + " (nftlink knows dormant)");
                            }
                            flags |= NfTablesUapi.NFT_TABLE_F_DORMANT;
                        } while (c.accept(Token.Kind.COMMA));
                    }
                    case "comment" -> comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
                    case "counter", "quota", "limit", "ct", "synproxy", "secmark" -> {
                        String kind = ObjectParser.keyword(c, item);
                        objects.add(object(item, kind, family, name, c.identifier("an object name"), false));
                    }
                    case "flowtable" -> flowtables.add(flowtable(item, family, name, c.identifier("a flowtable name"), false));
                    default -> throw Cursor.error(item, "syntax error, unexpected " + item.text()
                            + ", expecting chain, set, map, flowtable, counter, quota, limit, ct, synproxy, secmark, "
                            + "flags, comment or '}'");
                }
                if (!c.accept(Token.Kind.NEWLINE) && !c.accept(Token.Kind.SEMICOLON) && !c.at(Token.Kind.RBRACE)) {
                    throw c.unexpected("newline, ';' or '}'");
                }
            }
        }
        Table table = Cursor.at(q.name(), () -> Table.of(family, name));
        table = table.withFlags(flags).withComment(comment);
        out.add(new ParsedOperation(new NftOperation.AddTable(table, exclusive), start.location().to(q.name().location()),
                (exclusive ? "create" : "add") + " table " + family.nftName() + " " + name));
        out.addAll(chains);
        // nft's order: objects before the sets, whose object maps name them
        out.addAll(objects);
        out.addAll(setOps);
        out.addAll(flowtables);
        out.addAll(rules);
    }

    private ParsedOperation object(Token start, String kind, Family family, String table, Token name, boolean exclusive) {
        NftObject object = new ObjectParser(c).object(kind, family, table, name);
        return new ParsedOperation(new NftOperation.AddObject(object, exclusive), start.location().to(name.location()),
                (exclusive ? "create " : "add ") + kind + " " + family.nftName() + " " + table + " " + name.text());
    }

    private ParsedOperation flowtable(Token start, Family family, String table, Token name, boolean exclusive) {
        Flowtable flowtable = new FlowtableParser(c).flowtable(family, table, name);
        return new ParsedOperation(new NftOperation.AddFlowtable(flowtable, exclusive), start.location().to(name.location()),
                (exclusive ? "create" : "add") + " flowtable " + family.nftName() + " " + table + " " + name.text());
    }

    /** A chain declaration (with or without a body); its rules go to {@code rules}, the chain itself to the output. */
    private void chain(Token start, Family family, String table, Token nameToken, boolean exclusive, List<ParsedOperation> rules) {
        String name = nameToken.text();
        BaseChain base = null;
        String comment = null;
        ChainPolicy policy = null;
        Token policyToken = null;
        if (c.accept(Token.Kind.LBRACE)) {
            while (Block.nextMember(c)) {
                Token t = c.peek();
                if (t.is("type")) {
                    c.next();
                    base = baseChain(family);
                } else if (t.is("policy")) {
                    c.next();
                    policyToken = c.expect(Token.Kind.WORD, "accept or drop");
                    Token p = policyToken;
                    policy = Cursor.at(p, () -> ChainPolicy.ofName(p.text()));
                } else if (t.is("comment")) {
                    c.next();
                    comment = c.expect(Token.Kind.STRING, "a quoted comment").text();
                } else if (t.is("flags") || t.is("devices")) {
                    throw Cursor.error(t, "unsupported: chain " + t.text() + " are not supported by nftlink's parser yet");
                } else {
                    rule(family, table, name, "add", 0, t, rules);
                }
                if (!c.accept(Token.Kind.NEWLINE) && !c.accept(Token.Kind.SEMICOLON) && !c.at(Token.Kind.RBRACE)) {
                    throw c.unexpected("newline, ';' or '}'");
                }
            }
        }
        if (policy != null && base == null) {
            throw Cursor.error(policyToken, "a policy needs a base chain (type ... hook ... priority ...)");
        }
        if (base != null && policy != null) {
            base = new BaseChain(base.type(), base.hook(), base.priority(), base.devices(), policy);
        }
        BaseChain b = base;
        Chain chain = Cursor.at(nameToken, () -> b == null ? Chain.regular(family, table, name) : Chain.base(family, table, name, b));
        if (comment != null) {
            chain = chain.withComment(comment);
        }
        String echo = (exclusive ? "create" : "add") + " chain " + family.nftName() + " " + table + " " + name;
        if (base != null) {
            echo += " { type " + base.type().nftName() + " hook " + base.hook().nftName()
                    + " priority " + ChainPriority.render(family, base.hook(), base.priority()) + "; "
                    + (base.policy() == null ? "" : "policy " + base.policy().nftName() + "; ") + "}";
        }
        out.add(new ParsedOperation(new NftOperation.AddChain(chain, exclusive), start.location().to(nameToken.location()), echo));
    }

    private BaseChain baseChain(Family family) {
        Token typeToken = c.expect(Token.Kind.WORD, "filter, nat or route");
        ChainType type = Cursor.at(typeToken, () -> ChainType.ofName(typeToken.text()));
        c.expect("hook");
        Token hookToken = c.expect(Token.Kind.WORD, "a hook name");
        Hook hook = Cursor.at(hookToken, () -> Hook.ofName(hookToken.text()));
        Cursor.at(hookToken, () -> hook.number(family));
        List<String> devices = new ArrayList<>();
        if (c.accept("device")) {
            devices.add(c.name("a device name").text());
        } else if (c.accept("devices")) {
            c.expect(Token.Kind.EQUALS, "'='");
            c.expect(Token.Kind.LBRACE, "'{'");
            do {
                c.skipNewlines();
                devices.add(c.name("a device name").text());
                c.skipNewlines();
            } while (c.accept(Token.Kind.COMMA));
            c.expect(Token.Kind.RBRACE, "'}'");
        }
        c.expect("priority");
        int priority = Priorities.read(c, family, hook, "for family " + family + " hook " + hook.nftName());
        return new BaseChain(type, hook, priority, devices, null);
    }

    /** {@code add|insert|replace rule [family] TABLE CHAIN [position|handle N] STATEMENTS}. */
    private void ruleCommand(Token start, String command) {
        Qualified q = familyAndName("a table name");
        Token chain = c.identifier("a chain name");
        long handle = 0;
        Token handleToken = null;
        if (c.at("position") || c.at("handle")) {
            c.next();
            handleToken = c.peek();
            handle = c.number("a rule handle");
        } else if (c.at("index")) {
            throw Cursor.error(c.peek(), "unsupported: rule index (use position or handle)");
        }
        if (command.equals("replace") && handle == 0) {
            throw c.unexpected("handle N (replace needs the handle of the rule to replace)");
        }
        rule(q.family(), q.name().text(), chain.text(), command, handle, commandStart, out);
        out.getLast().at(ParsedOperation.Part.TABLE, q.name()).at(ParsedOperation.Part.NAME, chain)
                .at(ParsedOperation.Part.HANDLE, handleToken);
    }

    /** Parses {@code tokens} as the statements of one rule. */
    RuleSpec ruleSpec(List<Token> tokens, Family family, String table, String chain) {
        c = new Cursor(new TokenStream(tokens, null));
        values = new ValueParser(c, cgroups, interfaces).withHostnames(hostnames);
        while (c.accept(Token.Kind.NEWLINE)) {
            c.skipNewlines();
        }
        Token first = c.peek();
        RuleParser.Parsed parsed;
        try {
            parsed = new RuleParser(c, values, family, name -> shape(family, table, name)).rule();
        } catch (StackOverflowError e) {
            throw tooDeep(first);
        }
        Token last = c.in.last();
        checkSetReferences(family, table, parsed.statements(), () -> first.location().to(last.location()));
        List<Statement> statements = NatMapData.withNamedMapData(parsed.statements(),
                name -> mapData(family, table, name));
        c.skipNewlines();
        if (!c.at(Token.Kind.END)) {
            throw c.unexpected("end of rule");
        }
        return Cursor.at(first, () -> new RuleSpec(family, table, chain, statements, parsed.comment(), 0));
    }

    /** The data types of map {@code name}, or {@code null} when it is unknown or no map of values. */
    private List<Datatype> mapData(Family family, String table, String name) {
        SetShape shape = shape(family, table, name);
        return shape == null || shape.data() == null ? null : shape.dataParts().stream().map(ValueParser.Part::type).toList();
    }

    /** The shape of set or map {@code name}: declared in this text, or known to the set lookup; {@code null} when neither. */
    private SetShape shape(Family family, String table, String name) {
        SetShape shape = declared.get(setKey(family, table, name));
        if (shape == null) {
            try {
                shape = lookup.find(family, table, name).map(SetShape::of).orElse(null);
            } catch (IllegalArgumentException unknownType) {
                return null;
            }
        }
        return shape;
    }

    /** A named set a rule looks up must hold keys of the field's size (and address family), as nft checks. */
    private void checkSetReferences(Family family, String table, List<Statement> statements, Supplier<SourceLocation> where) {
        for (Statement s : statements) {
            if (!(s instanceof Match m) || !(m.value() instanceof Value.SetReference ref)) {
                continue;
            }
            SetShape shape = declared.get(setKey(family, table, ref.name()));
            Integer length = shape != null ? Integer.valueOf(shape.keyLength()) : null;
            Integer type = shape != null ? Integer.valueOf(shape.keyType()) : null;
            if (shape == null) {
                Optional<NftSet> known = lookup.find(family, table, ref.name());
                if (known.isPresent()) {
                    length = known.get().keyLength();
                    type = known.get().keyType();
                }
            }
            if (length == null) {
                if (lookup != SetLookup.NONE) {
                    throw new NftParseException(where.get(), "no such set or map: @" + ref.name() + " in table "
                            + family.nftName() + " " + table);
                }
                continue;
            }
            Datatype setType = Datatype.ofId(type);
            boolean addresses = setType != null && isAddress(setType) && isAddress(m.field().datatype());
            if (length != m.field().valueLength() || addresses && setType != m.field().datatype()) {
                throw new NftParseException(where.get(), "datatype mismatch, expected " + m.field().datatype().nftName()
                        + ", set @" + ref.name() + " has type " + (setType == null ? "#" + type : setType.nftName()));
            }
        }
    }

    private static boolean isAddress(Datatype d) {
        return d == Datatype.IPV4_ADDR || d == Datatype.IPV6_ADDR || d == Datatype.ETHER_ADDR;
    }

    /** A parser of rules of table {@code table}: the last one when it was for the same table, cursor and values. */
    private RuleParser ruleParser(Family family, String table) {
        if (ruleParser == null || ruleFamily != family || !ruleTable.equals(table) || !ruleParser.reads(c, values)) {
            ruleParser = new RuleParser(c, values, family, name -> shape(family, table, name));
            ruleFamily = family;
            ruleTable = table;
        }
        return ruleParser;
    }

    /** Parses the statements of one rule and compiles them into {@code ops}: its anonymous sets, then the rule. */
    private void rule(Family family, String table, String chain, String command, long handle, Token start,
                      List<ParsedOperation> ops) {
        Token first = c.peek();
        RuleParser.Parsed parsed = ruleParser(family, table).rule();
        // the rule's span, made only if asked for (an error, or a user of the operation's location)
        Token last = c.in.last();
        Supplier<SourceLocation> where = () -> start.location().to(last.location());
        checkSetReferences(family, table, parsed.statements(), where);
        List<Statement> statements = Cursor.at(first, () -> NatMapData.withNamedMapData(parsed.statements(),
                name -> mapData(family, table, name)));
        RuleSpec spec = Cursor.at(first, () -> new RuleSpec(family, table, chain, statements, parsed.comment(), 0));
        Linearizer.Result result;
        try {
            result = Linearizer.linearize(spec, ids);
        } catch (IllegalArgumentException e) {
            throw new NftParseException(where.get(), NftParseException.problem(e));
        }
        // anonymous chains (jump { ... }) with their rules, then anonymous sets
        for (NftOperation before : result.prerequisites(UnaryOperator.identity())) {
            setUpdates |= DynamicSets.updatesSets(before);
            ops.add(ParsedOperation.lazy(before, where, null));
        }
        Rule rule = NamedSetLookups.withByteOrder(result.rule(), name -> sets.set(family, table, name));
        NftOperation op = switch (command) {
            case "insert" -> new NftOperation.InsertRule(rule.withPosition(handle));
            case "replace" -> new NftOperation.ReplaceRule(rule.withHandle(handle));
            default -> new NftOperation.AddRule(handle == rule.position() ? rule : rule.withPosition(handle));
        };
        setUpdates |= DynamicSets.updatesSets(op);
        // rendered only if someone prints it (nft -e): most never do
        ops.add(ParsedOperation.lazy(op, where, () -> NftParser.echo(command + " rule", spec)));
    }

    private void element(String command) {
        Qualified q = familyAndName("a table name");
        out.addAll(sets.addElements(commandStart, command, q.family(), q.name().text()));
    }

    private void delete(boolean destroy) {
        Token what = c.expect(Token.Kind.WORD, "table, chain, rule, set, map, element, flowtable or an object type");
        if (what.is("ct")) {
            String kind = ObjectParser.keyword(c, what);
            Qualified q = familyAndName("a table name");
            out.add(new ParsedOperation(deleteObject(kind, q.family(), q.name().text(), destroy),
                    commandStart.location().to(c.in.last().location()), null));
            return;
        }
        Qualified q = familyAndName("a table name");
        Family family = q.family();
        String table = q.name().text();
        Token name = c.peek();
        Token handle = null;
        NftOperation op = switch (what.text()) {
            case "table" -> {
                name = null;
                yield new NftOperation.DeleteTable(family, table, destroy);
            }
            case "chain" -> new NftOperation.DeleteChain(family, table, c.identifier("a chain name").text(), destroy);
            case "set", "map" -> new NftOperation.DeleteSet(family, table, c.identifier("a set name").text(), destroy);
            case "counter", "quota", "limit", "synproxy", "secmark" -> deleteObject(what.text(), family, table, destroy);
            case "flowtable" -> {
                if (c.at("handle")) {
                    throw Cursor.error(c.peek(), "unsupported: delete flowtable by handle (name the flowtable)");
                }
                yield new NftOperation.DeleteFlowtable(family, table, c.identifier("a flowtable name").text(), destroy);
            }
            case "rule" -> {
                String chain = c.identifier("a chain name").text();
                c.expect("handle");
                handle = c.peek();
                yield new NftOperation.DeleteRule(family, table, chain, c.number("a rule handle"));
            }
            case "element" -> {
                if (destroy) {
                    throw Cursor.error(what, "unsupported: destroy element");
                }
                out.addAll(sets.deleteElements(commandStart, family, table));
                yield null;
            }
            default -> throw Cursor.error(what, "unsupported: delete " + what.text());
        };
        if (op != null) {
            out.add(new ParsedOperation(op, commandStart.location().to(c.in.last().location()), null)
                    .at(ParsedOperation.Part.TABLE, q.name()).at(ParsedOperation.Part.NAME, name)
                    .at(ParsedOperation.Part.HANDLE, handle));
        }
    }

    /** {@code NAME} or {@code handle N} of an object of {@code kind} to delete. */
    private NftOperation deleteObject(String kind, Family family, String table, boolean destroy) {
        int type = ObjectParser.type(kind);
        if (c.accept("handle")) {
            return new NftOperation.DeleteObject(family, table, type, null, c.number("an object handle"), destroy);
        }
        return new NftOperation.DeleteObject(family, table, type, c.identifier("an object name").text(), 0, destroy);
    }

    private void flush() {
        c.next();
        Token what = c.expect(Token.Kind.WORD, "ruleset, table, chain, set or map");
        if (what.text().equals("ruleset")) {
            Family family = null;
            if (c.peek().kind() == Token.Kind.WORD && isFamily(c.peek().text())) {
                family = Family.ofName(c.next().text());
            }
            out.add(new ParsedOperation(new NftOperation.FlushRuleset(family),
                    commandStart.location().to(c.in.last().location()), null));
            return;
        }
        Qualified q = familyAndName("a table name");
        Token name = what.is("table") ? null : c.peek();
        NftOperation op = switch (what.text()) {
            case "table" -> new NftOperation.FlushTable(q.family(), q.name().text());
            case "chain" -> new NftOperation.FlushChain(q.family(), q.name().text(), c.identifier("a chain name").text());
            case "set", "map" -> new NftOperation.FlushSet(q.family(), q.name().text(), c.identifier("a set name").text());
            default -> throw Cursor.error(what, "unsupported: flush " + what.text());
        };
        out.add(new ParsedOperation(op, commandStart.location().to(c.in.last().location()), null)
                .at(ParsedOperation.Part.TABLE, q.name()).at(ParsedOperation.Part.NAME, name));
    }

    private static String setKey(Family family, String table, String name) {
        return SetCommands.key(family, table, name);
    }
}
