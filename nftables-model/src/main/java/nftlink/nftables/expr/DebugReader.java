package nftlink.nftables.expr;

import nftlink.nftables.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads libnftnl's text rendering of one expression ({@code [ cmp eq reg 1 0x00001600 ]})
 * token by token, and tracks how many bytes each register holds across a rule,
 * since the text does not say how long a compared value is.
 */
public final class DebugReader {

    private final String line;
    private final List<String> tokens;
    private final Map<Integer, Integer> registerLengths;
    private int position;

    DebugReader(String line, Map<Integer, Integer> registerLengths) {
        this.line = line;
        this.registerLengths = registerLengths;
        String body = line.strip();
        if (!body.startsWith("[") || !body.endsWith("]")) {
            throw new DebugSyntaxException("not an expression line: " + line);
        }
        this.tokens = new ArrayList<>(List.of(body.substring(1, body.length() - 1).strip().split("\\s+")));
    }

    /**
     * A reader for one line with a fresh register table (for tests).
     *
     * @param line one line of libnftnl's text
     * @return the reader
     */
    public static DebugReader of(String line) {
        return new DebugReader(line, new HashMap<>());
    }

    /**
     * Whether tokens remain.
     *
     * @return whether tokens remain
     */
    public boolean hasNext() {
        return position < tokens.size();
    }

    /**
     * The next token without consuming it, or {@code null} at the end.
     *
     * @return the token, or {@code null}
     */
    public String peek() {
        return hasNext() ? tokens.get(position) : null;
    }

    /**
     * The next token.
     *
     * @return the token
     */
    public String next() {
        if (!hasNext()) {
            throw error("unexpected end");
        }
        return tokens.get(position++);
    }

    /**
     * The next token as the constant of a kernel enum that libnftnl names so.
     *
     * @param type the enum
     * @return the constant
     */
    <E extends Enum<E> & KernelEnum> E constant(Class<E> type) {
        return constant(type, next());
    }

    /**
     * The constant of a kernel enum that libnftnl names {@code text}, or an error at this token.
     *
     * @param type the enum
     * @param text libnftnl's name
     * @return the constant
     */
    <E extends Enum<E> & KernelEnum> E constant(Class<E> type, String text) {
        try {
            return KernelEnum.byText(type, text);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * {@code => reg N} after a load: the register, noted as holding {@code length} bytes.
     *
     * @param length the bytes the load fills
     * @return the register
     */
    int loadInto(int length) {
        expect("=>");
        int dreg = register();
        loaded(dreg, length);
        return dreg;
    }

    /**
     * Consumes {@code expected} or fails.
     *
     * @param expected the token that must come next
     */
    public void expect(String expected) {
        String t = next();
        if (!t.equals(expected)) {
            throw error("expected '" + expected + "' but found '" + t + "'");
        }
    }

    /**
     * Consumes {@code token} if it is next.
     *
     * @param token the token to look for
     * @return whether it was next (and consumed)
     */
    public boolean accept(String token) {
        if (token.equals(peek())) {
            position++;
            return true;
        }
        return false;
    }

    /**
     * The next token as a decimal int.
     *
     * @return the number
     */
    public int nextInt() {
        String t = next();
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw error("expected a number but found '" + t + "'");
        }
    }

    /**
     * The next token as a decimal unsigned long.
     *
     * @return the number
     */
    public long nextLong() {
        String t = next();
        try {
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw error("expected a number but found '" + t + "'");
        }
    }

    /**
     * The next token as a hexadecimal number with {@code 0x} prefix.
     *
     * @return the number
     */
    public long nextHex() {
        String t = next();
        try {
            return Long.parseUnsignedLong(t.startsWith("0x") ? t.substring(2) : t, 16);
        } catch (NumberFormatException e) {
            throw error("expected a hex number but found '" + t + "'");
        }
    }

    /**
     * {@code reg N}: a register number.
     *
     * @return the register number
     */
    public int register() {
        expect("reg");
        return nextInt();
    }

    /**
     * A length such as {@code 4b}.
     *
     * @return the length in bytes
     */
    public int byteLength() {
        String t = next();
        if (!t.endsWith("b")) {
            throw error("expected a byte length like 4b but found '" + t + "'");
        }
        try {
            return Integer.parseInt(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw error("bad byte length '" + t + "'");
        }
    }

    /**
     * Consecutive {@code 0x%08x} words, read as {@code length} bytes.
     *
     * @param length the value's length in bytes
     * @return the value
     */
    public Bytes words(int length) {
        List<String> words = new ArrayList<>();
        while (hasNext() && peek().startsWith("0x") && peek().length() == 10) {
            words.add(next());
        }
        try {
            return Bytes.fromWords(words.toArray(String[]::new), length);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * The words of a value compared with a register of {@code registerLength}
     * bytes. A value may cover only the start of the register (a prefix match such
     * as {@code iifname "eth*"}): then its length is the words' bytes without the
     * zero padding of the last word.
     *
     * @param registerLength the register's length in bytes
     * @return the value
     */
    public Bytes compared(int registerLength) {
        Bytes all = words();
        byte[] bytes = all.toArray();
        int aligned = (registerLength + 3) & ~3;
        if (bytes.length > aligned) {
            return all; // spans several registers: a concatenation
        }
        if (bytes.length == aligned) {
            for (int i = registerLength; i < bytes.length; i++) {
                if (bytes[i] != 0) {
                    return all;
                }
            }
            return Bytes.of(Arrays.copyOf(bytes, registerLength));
        }
        int length = bytes.length;
        while (length > bytes.length - 3 && length > 1 && bytes[length - 1] == 0) {
            length--;
        }
        return Bytes.of(Arrays.copyOf(bytes, length));
    }

    /**
     * Consecutive {@code 0x%08x} words, each taken as 4 bytes.
     *
     * @return the value
     */
    public Bytes words() {
        int count = 0;
        while (position + count < tokens.size() && tokens.get(position + count).startsWith("0x")
                && tokens.get(position + count).length() == 10) {
            count++;
        }
        return words(count * 4);
    }

    /**
     * The number of bytes register {@code register} holds, as far as the rule so far tells.
     *
     * @param register the register number
     * @return the length in bytes
     */
    public int registerLength(int register) {
        Integer n = registerLengths.get(register);
        if (n == null) {
            throw error("register " + register + " is read before anything was loaded into it");
        }
        return n;
    }

    /**
     * Records that {@code register} now holds {@code length} bytes (spilling into following 32-bit
     * registers).
     *
     * @param register the register number
     * @param length the length in bytes
     */
    public void loaded(int register, int length) {
        registerLengths.put(register, length);
    }

    /**
     * Free text as libnftnl prints it unquoted after a keyword ({@code log prefix x y  level 4}):
     * everything after the token just consumed and one space, up to one space before the first
     * following token {@code stop} accepts (or before the closing bracket), spaces kept as written.
     * The tokens inside are consumed.
     *
     * @param stop tells which token ends the text
     * @return the text
     */
    public String text(Predicate<String> stop) {
        int[] spans = spans();
        int from = (position == 0 ? line.indexOf('[') : spans[2 * position - 1]) + 1;
        int until = position;
        while (until < tokens.size() && !stop.test(tokens.get(until))) {
            until++;
        }
        int to = (until < tokens.size() ? spans[2 * until] : line.lastIndexOf(']')) - 1;
        position = until;
        return to <= from ? "" : line.substring(from, to);
    }

    /**
     * A bracketed expression nested in this one, such as dynset's {@code expr [ counter pkts 0 bytes 0 ]},
     * as written (brackets included, spaces kept); its tokens are consumed.
     *
     * @return the bracketed text
     */
    public String bracketed() {
        int[] spans = spans();
        int start = position;
        expect("[");
        int depth = 1;
        while (depth > 0) {
            String t = next();
            if (t.equals("[")) {
                depth++;
            } else if (t.equals("]")) {
                depth--;
            }
        }
        return line.substring(spans[2 * start], spans[2 * position - 1]);
    }

    /**
     * An expression nested in this one, such as inner's {@code [ payload load 4b @ network header + 12 => reg 1 ]},
     * read with this rule's register table; its tokens are consumed.
     *
     * @return the nested expression
     */
    public Expression nested() {
        return Expressions.parseLine(bracketed(), registerLengths);
    }

    /** Where each token starts and ends in {@code line}: token {@code i} at {@code [2i], [2i+1]}. */
    private int[] spans() {
        int[] spans = new int[tokens.size() * 2];
        int at = line.indexOf('[') + 1;
        for (int i = 0; i < tokens.size(); i++) {
            int start = line.indexOf(tokens.get(i), at);
            spans[2 * i] = start;
            spans[2 * i + 1] = at = start + tokens.get(i).length();
        }
        return spans;
    }

    /** Fails unless every token was consumed. */
    public void end() {
        if (hasNext()) {
            throw error("unexpected '" + peek() + "'");
        }
    }

    /**
     * An exception pointing at the current token.
     *
     * @param message what is wrong
     * @return the exception, not thrown
     */
    public DebugSyntaxException error(String message) {
        return new DebugSyntaxException(message + " in: " + line.strip());
    }
}
