package nftlink.nftables.parse;

import nftlink.nftables.Bytes;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.NftOperation;
import nftlink.nftables.lang.CtState;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.Fields;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parser's fast paths (#18) say what the slow ones they replace said: token locations made on
 * demand, number words recognised without regular expressions, dotted quads read without the
 * resolver, field lookups through maps, and echo lines rendered only when asked for.
 */
class ParserFastPathTest {

    private static final NftParser PARSER = new NftParser(path -> path.length(), SetLookup.NONE);

    @Test
    void aTokenLocationMadeOnDemandNamesItsLineAndColumnsWithoutTheCarriageReturn() {
        String text = "table ip t {\r\n\tchain c {\r\n\t\ttcp dport 22 acept\r\n\t}\r\n}\r\n";
        assertThatThrownBy(() -> PARSER.parse(text, "f.nft"))
                .isInstanceOf(NftParseException.class)
                .satisfies(e -> {
                    SourceLocation at = ((NftParseException) e).location();
                    assertThat(at.line()).isEqualTo(3);
                    assertThat(at.lineText()).isEqualTo("\t\ttcp dport 22 acept");
                    assertThat(at.column()).isEqualTo(16);
                    assertThat(at.endColumn()).isEqualTo(20);
                });
    }

    @Test
    void numberWordsAreDecimalOrLowercaseXHexadecimal() {
        assertThat(List.of("0", "22", "0x1f", "0xAb")).allMatch(Cursor::isNumber);
        assertThat(List.of("", "0x", "x1", "1a", "0X1f", "0x1g", "-1", "١٢")).noneMatch(Cursor::isNumber);
        assertThat(Cursor.isDecimal("0123")).isTrue();
        assertThat(Cursor.isDecimal("12a")).isFalse();
    }

    @Test
    void aRangeIsNotTriedWholeButItsErrorIsTheWholeWordsAsBefore() {
        assertThat(echo("tcp dport 1024-2048")).isEqualTo("tcp dport 1024-2048");
        assertThat(echo("ip saddr 10.0.0.1-10.0.0.9")).isEqualTo("ip saddr 10.0.0.1-10.0.0.9");
        assertThat(echo("meta mark 0x1-0x2")).isEqualTo("meta mark 0x00000001-0x00000002");
        assertThat(echo("ip protocol ipv6-icmp")).isEqualTo("ip protocol ipv6-icmp");
        assertThat(echo("tcp dport ssh-http")).isEqualTo("tcp dport 22-80");
        assertThat(problem("tcp dport 70000-80000")).isEqualTo("not a number: 70000-80000");
        assertThat(problem("tcp dport 1-")).isEqualTo("not a number: 1-");
        assertThat(problem("ip saddr 1-2")).isEqualTo("not an IPv4 address: 1-2");
        assertThat(problem("tcp dport 2048-1024")).isEqualTo("range 2048-1024 has its bounds the wrong way round");
    }

    private static String echo(String statements) {
        return PARSER.parse("add rule inet t c " + statements, "<cmdline>").parsed().getLast().echo()
                .substring("add rule inet t c ".length());
    }

    private static String problem(String statements) {
        try {
            PARSER.parse("add rule inet t c " + statements, "<cmdline>");
        } catch (NftParseException e) {
            return e.problem();
        }
        throw new AssertionError(statements + " parsed");
    }

    @Test
    void ctStatesAreNumbersOrNamesAsBefore() {
        assertThat(CtState.parse("8")).isEqualTo(Bytes.u32(8));
        assertThat(CtState.parse(" 0x4 ")).isEqualTo(Bytes.u32(4));
        assertThat(CtState.parse("0xA")).isEqualTo(Bytes.u32(10));
        assertThat(CtState.parse("established,related")).isEqualTo(Bytes.u32(2 | 4));
        assertThatThrownBy(() -> CtState.parse("0x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CtState.parse("1a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CtState.parse("0x100000000")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dottedQuadsReadWithoutTheResolverGiveTheSameBytes() {
        assertThat(Datatype.IPV4_ADDR.parse("10.1.255.0", 4)).isEqualTo(Bytes.of(new byte[]{10, 1, (byte) 255, 0}));
        assertThat(Datatype.IPV4_ADDR.parse("0.0.0.0", 4)).isEqualTo(Bytes.of(new byte[4]));
        assertThatThrownBy(() -> Datatype.IPV4_ADDR.parse("1.2.3", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Datatype.IPV4_ADDR.parse("1.2.3.4.5", 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldLookupsFindWhatTheTablesHold() {
        assertThat(Fields.isProtocol("tcp")).isTrue();
        assertThat(Fields.isProtocol("dport")).isFalse();
        assertThat(Fields.protocols()).contains("ip", "ip6", "tcp", "udp", "ether").doesNotHaveDuplicates();
        assertThatThrownBy(() -> Fields.protocols().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Fields.header("tcp", "dport")).contains(Fields.payload("tcp", "dport").orElseThrow());
        assertThat(Fields.header("ip", "dscp")).isPresent();
        assertThat(Fields.header("tcp", "nosuch")).isEmpty();
        assertThat(Fields.meta("secpath")).isEqualTo(Fields.meta("ipsec")).isPresent();
        assertThat(Fields.header("tcp option maxseg", "size")).isPresent();
        assertThat(Fields.header("tcp", "option maxseg size")).isEmpty();
    }

    @Test
    void aRulesLocationMadeWhenAskedForSpansTheRuleAndItsSetsShareIt() {
        String text = "table ip t {\n\tchain c {\n\t\tip saddr { 10.0.0.1, 10.0.0.2 } accept\n\t}\n}\n";
        List<ParsedOperation> parsed = PARSER.parse(text, "f.nft").parsed();
        SourceLocation expected = new SourceLocation("f.nft", 3, 3, 40, "\t\tip saddr { 10.0.0.1, 10.0.0.2 } accept");
        assertThat(parsed.getLast().operation()).isInstanceOf(NftOperation.AddRule.class);
        assertThat(parsed.getLast().location()).isEqualTo(expected).isSameAs(parsed.getLast().location());
        assertThat(parsed.stream().filter(p -> p.operation() instanceof NftOperation.AddSet).findFirst().orElseThrow()
                .location()).isEqualTo(expected);
        // an error of the compiled rule points at the whole command
        assertThatThrownBy(() -> PARSER.parse("add rule ip t c ip protocol udp tcp dport 22", "<cmdline>"))
                .isInstanceOf(NftParseException.class)
                .satisfies(e -> assertThat(((NftParseException) e).location())
                        .isEqualTo(new SourceLocation("<cmdline>", 1, 1, 44, "add rule ip t c ip protocol udp tcp dport 22")));
    }

    @Test
    void repeatedWordsAreOneStringAndDifferentWordsStayApart() {
        List<Token> tokens = Lexer.tokens("f",
                "tcp dport 22 tcp dport 23 \"eth0\" \"eth0\" @s @s xyzzy-is-a-long-word xyzzy-is-a-long-word");
        assertThat(tokens.get(0).text()).isSameAs(tokens.get(3).text()).isEqualTo("tcp");
        assertThat(tokens.get(2).text()).isEqualTo("22");
        assertThat(tokens.get(5).text()).isEqualTo("23");
        assertThat(tokens.get(6).text()).isSameAs(tokens.get(7).text()).isEqualTo("eth0");
        assertThat(tokens.get(8).text()).isSameAs(tokens.get(9).text()).isEqualTo("s");
        assertThat(tokens.get(10).text()).isEqualTo(tokens.get(11).text()).isEqualTo("xyzzy-is-a-long-word");
        assertThat(tokens.stream().map(Token::kind).toList()).containsSequence(Token.Kind.STRING, Token.Kind.STRING,
                Token.Kind.SET_REFERENCE, Token.Kind.SET_REFERENCE);
    }

    @Test
    void twoWordFieldNamesAreFoundByTheirWords() {
        assertThat(Fields.header("arp", "saddr", "ip")).isEqualTo(Fields.header("arp", "saddr ip")).isPresent();
        assertThat(Fields.header("arp", "daddr", "ether")).isEqualTo(Fields.header("arp", "daddr ether")).isPresent();
        assertThat(Fields.header("arp", "saddr", "accept")).isEmpty();
        assertThat(Fields.header("ip", "saddr", "ip")).isEmpty();
        assertThat(Fields.header("nosuch", "saddr", "ip")).isEmpty();
        List<ParsedOperation> parsed = PARSER.parse("add rule arp t c arp saddr ip 10.0.0.1 arp htype 1", "<cmdline>").parsed();
        assertThat(parsed.getLast().echo()).isEqualTo("add rule arp t c arp saddr ip 10.0.0.1 arp htype 1");
    }

    @Test
    void onlyARuleThatUpdatesASetFromThePacketPathMakesItsSetDynamic() {
        String declared = "table ip t { set s { type ipv4_addr; }; chain c { type filter hook input priority 0; %s; } }";
        assertThat(addedSetFlags(declared.formatted("ip saddr @s accept")) & NfTablesUapi.NFT_SET_EVAL).isZero();
        assertThat(addedSetFlags(declared.formatted("add @s { ip saddr } accept")) & NfTablesUapi.NFT_SET_EVAL).isNotZero();
        assertThat(addedSetFlags(declared.formatted("jump { update @s { ip saddr counter }; }")) & NfTablesUapi.NFT_SET_EVAL)
                .isNotZero();
    }

    private static int addedSetFlags(String text) {
        return PARSER.parse(text, "f.nft").operations().stream()
                .filter(op -> op instanceof NftOperation.AddSet).map(op -> ((NftOperation.AddSet) op).set().flags())
                .findFirst().orElseThrow();
    }

    @Test
    void aRulesEchoIsRenderedWhenAskedForAndStaysTheSame() {
        List<ParsedOperation> parsed = PARSER.parse("add rule inet t c ip saddr 10.0.0.1 tcp dport 22 counter accept", "<cmdline>")
                .parsed();
        ParsedOperation rule = parsed.getLast();
        assertThat(rule.echo()).isEqualTo("add rule inet t c ip saddr 10.0.0.1 tcp dport 22 counter packets 0 bytes 0 accept");
        assertThat(rule.echo()).isSameAs(rule.echo());
        assertThat(rule).isEqualTo(PARSER.parse("add rule inet t c ip saddr 10.0.0.1 tcp dport 22 counter accept", "<cmdline>")
                .parsed().getLast());
    }
}
