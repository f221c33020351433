package nftlink.nftables.json;

import java.util.Arrays;
import nftlink.nftables.expr.Ct;
import nftlink.nftables.expr.Hash;
import nftlink.nftables.expr.Numgen;
import nftlink.nftables.lang.BinopField;
import nftlink.nftables.lang.ExpressionField;
import nftlink.nftables.lang.ExthdrField;
import nftlink.nftables.lang.HashField;
import nftlink.nftables.lang.CombinedField;
import nftlink.nftables.lang.MaskedField;
import nftlink.nftables.lang.RawPayloadField;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.lang.InnerField;
import nftlink.nftables.Bytes;
import nftlink.nftables.expr.Payload;
import nftlink.nftables.lang.ConcatField;
import nftlink.nftables.lang.CtField;
import nftlink.nftables.lang.Field;
import nftlink.nftables.lang.Fields;
import nftlink.nftables.lang.SocketCgroupField;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static nftlink.nftables.json.JsonParser.at;

/** Reads the fields a rule takes values from: payload, extension headers, meta, ct, socket, concatenations, fib, rt, osf, ipsec, hashes and numgen. */
final class JsonFieldReader {

    private final JsonParseContext context;

    JsonFieldReader(JsonParseContext context) {
        this.context = context;
    }

    /** fib, rt, osf and ipsec in libnftables' JSON, read as the words of their nft text. */
    private Field expressionField(String kind, Node body) {
        List<String> words = new ArrayList<>(List.of(kind));
        switch (kind) {
            case "fib" -> {
                body.only(Set.of("result", "flags"));
                List<Node> flags = body.member("flags").arrayOrSingle();
                for (int i = 0; i < flags.size(); i++) {
                    if (i > 0) {
                        words.add(".");
                    }
                    words.add(flags.get(i).string());
                }
                words.add(body.member("result").string());
            }
            case "rt" -> {
                body.only(Set.of("key", "family"));
                if (body.optional("family") != null) {
                    words.add(body.member("family").string());
                }
                words.add(body.member("key").string());
            }
            case "osf" -> {
                body.only(Set.of("key", "ttl"));
                if (body.optional("ttl") != null) {
                    words.add("ttl");
                    words.add(body.member("ttl").string());
                }
                words.add(body.member("key").string());
            }
            default -> {
                body.only(Set.of("key", "dir", "spnum", "family"));
                words.add(body.member("dir").string());
                long spnum = body.optional("spnum") == null ? 0 : body.member("spnum").number(255);
                if (spnum != 0) {
                    words.add("spnum");
                    words.add(Long.toString(spnum));
                }
                if (body.optional("family") != null) {
                    words.add(body.member("family").string());
                }
                words.add(body.member("key").string());
            }
        }
        ExpressionField f = at(body, () -> ExpressionField.parse(words));
        if (f == null) {
            throw body.error("unsupported " + kind + " expression \"" + String.join(" ", words) + "\"");
        }
        return f;
    }

    /**
     * The key of a verdict or object map: a field, a 32-bit value computed from one with a shift
     * ({@code {"&": [{">>": [{"meta": {"key": "mark"}}, 8]}, 15]}}), or a masked field.
     */
    Field mapKey(Node node) {
        if (node.value() instanceof JsonValue.Obj o && o.members().size() == 1
                && Set.of("<<", ">>", "&", "|", "^").contains(node.single().getKey())) {
            BinopField computed = context.binops.binop(node);
            if (computed != null && computed.shift() != 0) {
                return computed;
            }
            // a masked key: {"&": [{"payload": {"protocol": "tcp", "field": "flags"}}, {"|": ["ack", "urg"]}]}
            return valueField(node);
        }
        return field(node);
    }

    /** A value computed from the packet: a field, or {@code {"&"|"|"|"^": [FIELD, CONSTANT]}}. */
    Field valueField(Node node) {
        Map.Entry<String, Node> e = node.single();
        if (e.getKey().equals("^")) {
            List<Node> operands = e.getValue().array();
            if (operands.size() != 2) {
                throw e.getValue().error("expected [FIELD, CONSTANT]");
            }
            Field inner = valueField(operands.get(0));
            Bytes constant = context.values.single(inner, operands.get(1));
            // a constant after constants: {"^": [{"&": [FIELD, M]}, X]}, one mask and xor
            return at(node, () -> inner instanceof MaskedField m ? m.then(CombinedField.Op.XOR, constant)
                    : MaskedField.xor(inner, constant));
        }
        if (e.getKey().equals("&") || e.getKey().equals("|")) {
            List<Node> operands = e.getValue().array();
            if (operands.size() < 2) {
                throw e.getValue().error("expected [FIELD, CONSTANT, ...]");
            }
            Field inner = valueField(operands.get(0));
            // more constants fold into one: {"|": [FIELD, "ecn", "cwr"]}
            byte[] combined = context.values.single(inner, operands.get(1)).toArray();
            for (Node more : operands.subList(2, operands.size())) {
                byte[] b = context.values.single(inner, more).toArray();
                for (int i = 0; i < combined.length && i < b.length; i++) {
                    combined[i] = (byte) (e.getKey().equals("&") ? combined[i] & b[i] : combined[i] | b[i]);
                }
            }
            Bytes constant = Bytes.of(combined);
            CombinedField.Op op = e.getKey().equals("&") ? CombinedField.Op.AND : CombinedField.Op.OR;
            return at(node, () -> inner instanceof MaskedField m ? m.then(op, constant)
                    : op == CombinedField.Op.AND ? MaskedField.and(inner, constant) : MaskedField.or(inner, constant));
        }
        return field(node);
    }

    /** A field a value is read from, {@code {"KIND": BODY}}, read by its family. */
    Field field(Node node) {
        Map.Entry<String, Node> e = node.single();
        Node body = e.getValue();
        return switch (e.getKey()) {
            case "payload" -> payload(body);
            case "exthdr", "tcp option", "sctp chunk", "ip option" -> extensionHeader(e.getKey(), body);
            case "meta" -> {
                body.only(Set.of("key"));
                String k = body.member("key").string();
                yield Fields.meta(k).orElseThrow(() -> body.member("key").error("unsupported meta key \"" + k + "\""));
            }
            case "ct" -> ct(body);
            case "socket" -> socket(body);
            case "concat" -> concat(body);
            case "fib", "rt", "osf", "ipsec" -> expressionField(e.getKey(), body);
            case "jhash" -> jhash(body);
            case "symhash" -> symhash(body);
            case "numgen" -> numgen(body);
            default -> throw node.error("unsupported expression \"" + e.getKey() + "\" on the left of a match");
        };
    }

    /** A header field, {@code {"payload": {"protocol": P, "field": F}}}, inside a tunnel, or raw bits, {@code {"base": B, "offset": O, "len": L}}. */
    private static Field payload(Node body) {
        if (body.optional("base") != null) {
            // raw bits: {"base": "nh", "offset": 8, "len": 8}
            body.only(Set.of("base", "offset", "len"));
            String baseName = body.member("base").string();
            Payload.Base base = RawPayloadField.base(baseName);
            if (base == null) {
                throw body.member("base").error("unknown payload base \"" + baseName + "\" (expected ll, nh, th or ih)");
            }
            int offset = (int) body.member("offset").number(Integer.MAX_VALUE);
            int len = (int) body.member("len").number(Integer.MAX_VALUE);
            return at(body, () -> new RawPayloadField(base, offset, len));
        }
        body.only(Set.of("tunnel", "protocol", "field"));
        String protocol = body.member("protocol").string();
        String name = body.member("field").string();
        Node tunnelNode = body.optional("tunnel");
        if (tunnelNode != null) {
            InnerField.Tunnel tunnel = InnerField.Tunnel.named(tunnelNode.string());
            if (tunnel == null) {
                throw tunnelNode.error("unknown payload tunnel protocol \"" + tunnelNode.string()
                        + "\" (expected vxlan, geneve, gre or gretap)");
            }
            if (protocol.equals(tunnel.text())) {
                return InnerField.header(tunnel, name).orElseThrow(() -> body.error("unsupported payload field "
                        + protocol + " " + name));
            }
            Field inside = Fields.header(protocol, name).orElseThrow(() -> body.error("unsupported payload field "
                    + protocol + " " + name));
            return at(body, () -> new InnerField(tunnel, inside));
        }
        return Fields.header(protocol, name).orElseThrow(() -> body.error("unsupported payload field "
                + protocol + " " + name));
    }

    /** A field of an IPv6 extension header, TCP option, SCTP chunk or IP option, or whether it is there. */
    private static Field extensionHeader(String kind, Node body) {
        if (kind.equals("tcp option") && body.optional("base") != null) {
            return tcpOptionBits(body);
        }
        body.only(Set.of("name", "field"));
        String header = (kind.equals("exthdr") ? "" : kind + " ") + body.member("name").string();
        Node f = body.optional("field");
        if (f == null) {
            return Fields.presence(header).orElseThrow(() -> body.error("unsupported " + kind + " " + header));
        }
        return Fields.header(header, f.string()).orElseThrow(() -> body.error("unsupported " + kind + " field "
                + header + " " + f.string()));
    }

    /** A conntrack key, {@code {"ct": {"key": K, "dir": "original" | "reply"}}}. */
    private Field ct(Node body) {
        body.only(Set.of("key", "dir"));
        String k = body.member("key").string();
        Node dir = body.optional("dir");
        if (dir != null) {
            String d = dir.string();
            Ct.Direction direction = Ct.Direction.named(d)
                    .orElseThrow(() -> dir.error("unknown ct direction \"" + d + "\" (expected original or reply)"));
            Field generic = context.ruleFamily == null ? null : CtField.familyAddress(k, direction, context.ruleFamily);
            if (generic != null) {
                // saddr/daddr without ip or ip6: the address of the table's family (ip and ip6 tables only, as in nft)
                return generic;
            }
            return Fields.ct(k, direction).orElseThrow(() -> body.member("key").error("unsupported ct key \"" + k
                    + "\" with direction " + d));
        }
        return Fields.ct(k).orElseThrow(() -> body.member("key").error("unsupported ct key \"" + k + "\""));
    }

    /** A socket key: transparent, mark, wildcard or {@code cgroupv2} at a level. */
    private static Field socket(Node body) {
        body.only(Set.of("key", "level"));
        String key = body.member("key").string();
        if (key.equals("transparent") || key.equals("mark") || key.equals("wildcard")) {
            body.only(Set.of("key"));
            return at(body, () -> ExpressionField.parse(List.of("socket", key)));
        }
        if (!key.equals("cgroupv2")) {
            throw body.member("key").error("unsupported socket key \"" + key + "\" (expected transparent, mark, "
                    + "wildcard or cgroupv2)");
        }
        Node level = body.optional("level");
        if (level == null) {
            throw body.error("socket cgroupv2 needs \"level\" (nft 1.0.6 leaves it out of its listings)");
        }
        return new SocketCgroupField((int) level.number(255));
    }

    /** A concatenation; its constants are read as the parts of the key of the set it is looked up in. */
    private Field concat(Node body) {
        List<Node> items = body.array();
        List<Field> fields = items.stream().anyMatch(JsonConstants::isConstant)
                ? JsonConstants.concat(items, this::field, context.constantsParts(true), "@" + context.constantsSet,
                context.interfaces::indexOrNumber)
                : new ArrayList<>(items.stream().map(this::field).toList());
        return at(body, () -> new ConcatField(fields));
    }

    /** {@code {"jhash": {"expr": FIELD, "mod": N, "seed": S, "offset": O}}}. */
    private Field jhash(Node body) {
        body.only(Set.of("expr", "mod", "seed", "offset"));
        Field key = field(body.member("expr"));
        int mod = (int) body.member("mod").number(0xffffffffL);
        Integer seed = body.optional("seed") == null ? null : (int) body.member("seed").number(0xffffffffL);
        int offset = body.optional("offset") == null ? 0 : (int) body.member("offset").number(0xffffffffL);
        return at(body, () -> new HashField(key, mod, seed, offset));
    }

    /** {@code {"symhash": {"mod": N, "offset": O}}}. */
    private static Field symhash(Node body) {
        body.only(Set.of("mod", "offset"));
        int mod = (int) body.member("mod").number(0xffffffffL);
        int offset = body.optional("offset") == null ? 0 : (int) body.member("offset").number(0xffffffffL);
        return at(body, () -> new ExpressionField(
                new Hash.Symmetric(NfTablesUapi.NFT_REG_1, mod, offset)));
    }

    /** {@code {"numgen": {"mode": "inc" | "random", "mod": N, "offset": O}}}. */
    private static Field numgen(Node body) {
        body.only(Set.of("mode", "mod", "offset"));
        String mode = body.member("mode").string();
        Numgen.Type type = Arrays.stream(Numgen.Type.values())
                .filter(t -> t.text().equals(mode)).findFirst()
                .orElseThrow(() -> body.member("mode").error("unknown numgen mode \"" + mode + "\" (expected inc or random)"));
        int mod = (int) body.member("mod").number(0xffffffffL);
        int offset = body.optional("offset") == null ? 0 : (int) body.member("offset").number(0xffffffffL);
        return at(body, () -> new ExpressionField(
                new Numgen(type, NfTablesUapi.NFT_REG_1, mod, offset)));
    }

    /** A TCP option by number: {@code {"base": KIND, "offset": BITS, "len": BITS}}. */
    private static Field tcpOptionBits(Node body) {
        body.only(Set.of("base", "offset", "len"));
        int kind = (int) body.member("base").number(255);
        int offset = body.optional("offset") == null ? 0 : (int) body.member("offset").number(0xffff);
        int bits = body.optional("len") == null ? 8 : (int) body.member("len").number(0xffff);
        return at(body, () -> ExthdrField.tcpOptionBits(kind, offset, bits));
    }
}
