package nftlink.nftables.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Errors in object, flowtable and typeof map declarations: file, line, columns, caret and what was expected. */
class ObjectParseErrorTest {

    private static final NftParser PARSER = new NftParser(CgroupPathResolver.none(), SetLookup.NONE);

    private static String error(String text) {
        NftParseException e = catchThrowableOfType(NftParseException.class, () -> PARSER.parse(text, "objects.nft"));
        assertThat(e).as("no error for %s", text).isNotNull();
        return e.getMessage();
    }

    /** The third line of the message has carets exactly under {@code token} in the second. */
    private static void caretUnder(String message, String token) {
        String[] lines = message.split("\n");
        assertThat(lines).hasSize(3);
        int at = lines[1].indexOf(token);
        assertThat(lines[2]).isEqualTo(lines[1].substring(0, at).replaceAll("[^\t]", " ") + "^".repeat(token.length()));
    }

    @Test
    void ctHelperWithAnUnknownProtocol() {
        String e = error("table ip t {\n\tct helper h { type \"ftp\" protocol sctp; }\n}\n");
        assertThat(e).startsWith("objects.nft:2:36-39: Error: syntax error, unexpected sctp, expecting tcp or udp\n"
                + "\tct helper h { type \"ftp\" protocol sctp; }\n");
        caretUnder(e, "sctp");
    }

    @Test
    void unknownCtObjectKind() {
        assertThat(error("add ct helpers ip t h { type \"ftp\" protocol tcp; }")).isEqualTo("""
                objects.nft:1:8-14: Error: syntax error, unexpected helpers, expecting helper, timeout or expectation
                add ct helpers ip t h { type "ftp" protocol tcp; }
                       ^^^^^^^""");
    }

    @Test
    void ctTimeoutPolicyNeedsAColon() {
        String e = error("table ip t {\n\tct timeout x { protocol tcp; policy = { established 100 }; }\n}\n");
        assertThat(e).startsWith("objects.nft:2:54-56: Error: syntax error, unexpected 100, expecting ':'\n");
        caretUnder(e, "100");
        assertThat(error("table ip t {\n\tct timeout x { protocol tcp; policy = { establish: 100 }; }\n}\n"))
                .startsWith("objects.nft:2:13-13: Error: no timeout state \"establish\" for protocol 6");
    }

    @Test
    void ctExpectationNeedsItsSettings() {
        assertThat(error("table ip t {\n\tct expectation e { protocol tcp; dport 21; }\n}\n")).isEqualTo("""
                objects.nft:2:17-17: Error: ct expectation e needs protocol, dport, timeout and size (e.g. protocol tcp; dport 21; timeout 10s; size 8)
                \tct expectation e { protocol tcp; dport 21; }
                \t               ^""");
    }

    @Test
    void synproxyOptions() {
        assertThat(error("table ip t {\n\tsynproxy s { mss 1460; wscale 99999; }\n}\n"))
                .startsWith("objects.nft:2:32-36: Error: a window scale out of range (at most 255)");
        assertThat(error("table ip t {\n\tsynproxy s { mss 1460 ecn }\n}\n"))
                .startsWith("objects.nft:2:24-26: Error: syntax error, unexpected ecn, expecting newline, ';' or '}'");
    }

    @Test
    void secmarkNeedsAQuotedContext() {
        assertThat(error("table ip t {\n\tsecmark s { system_u }\n}\n"))
                .startsWith("objects.nft:2:14-21: Error: syntax error, unexpected system_u, expecting a quoted security context");
    }

    @Test
    void flowtables() {
        assertThat(error("table inet t {\n\tflowtable f { hook egress priority 0; devices = { lo }; }\n}\n")).isEqualTo("""
                objects.nft:2:21-26: Error: flowtable hook must be ingress, not egress
                \tflowtable f { hook egress priority 0; devices = { lo }; }
                \t                   ^^^^^^""");
        assertThat(error("table inet t {\n\tflowtable f { devices = { lo }; }\n}\n"))
                .startsWith("objects.nft:2:12-12: Error: flowtable f needs 'hook ingress priority P'");
        assertThat(error("table inet t {\n\tflowtable f { hook ingress priority dstnat; devices = { lo }; }\n}\n"))
                .startsWith("objects.nft:2:38-43: Error: priority name 'dstnat' is not valid for a flowtable (filter is)");
        assertThat(error("table inet t {\n\tflowtable f { hook ingress priority 0; devices = { lo eth0 }; }\n}\n"))
                .startsWith("objects.nft:2:56-59: Error: syntax error, unexpected eth0, expecting ',' or '}'");
        assertThat(error("table inet t {\n\tflowtable f { hook ingress priority 0; flags bypass; }\n}\n"))
                .startsWith("objects.nft:2:47-52: Error: syntax error, unexpected bypass, expecting offload");
    }

    @Test
    void typeofMaps() {
        assertThat(error("table ip t {\n\tmap m { typeof ip saddr meta mark; }\n}\n"))
                .startsWith("objects.nft:2:26-29: Error: syntax error, unexpected meta, expecting ':' and the data (typeof KEY : DATA)");
        assertThat(error("table ip t {\n\tset s { typeof ip saddr : meta mark; }\n}\n"))
                .startsWith("objects.nft:2:26-26: Error: a set has no data type (declare a map)");
    }

    @Test
    void everyObjectKindParses() {
        assertThat(PARSER.parse("""
                table ip t {
                \tct helper h { type "ftp" protocol tcp; }
                \tct timeout o { protocol udp; policy = { replied: 3 }; }
                \tct expectation e { protocol tcp; dport 21; timeout 10s; size 8; }
                \tsynproxy s { mss 1460; wscale 7; timestamp sack-perm; }
                \tsecmark m { "ctx" }
                \tflowtable f { hook ingress priority filter; devices = { lo }; }
                }
                delete ct helper ip t h
                delete ct timeout ip t o
                delete ct expectation ip t e
                delete synproxy ip t s
                delete secmark ip t m
                delete flowtable ip t f
                delete counter ip t handle 7
                """, "objects.nft").operations()).hasSize(14);
    }
}
