package nftlink.nftables.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The limits the nft parser works within, so that no input can exhaust its time, memory or stack;
 * each one fails with a located, one-line {@link NftParseException} (or an {@link IOException} for
 * files), never with a {@code StackOverflowError} or {@code OutOfMemoryError}:
 * <ul>
 * <li>{@value #MAX_FILE_BYTES} bytes per file (main file or include), {@value #MAX_TOTAL_BYTES} bytes
 * of input in all, at most {@value #MAX_FILES} included files; only regular files are read (never
 * devices, FIFOs or sockets);</li>
 * <li>{@value #MAX_NESTING} levels of braces and parentheses;</li>
 * <li>{@value #MAX_EXPANSIONS} variable expansions and {@value #MAX_EXPANDED_TOKENS} tokens produced
 * by them per parse (a {@code define} refers to the values it names and does not copy them, so
 * definitions that are never used cost nothing);</li>
 * <li>tokens are shown in error messages cut to {@value #MAX_SHOWN} characters.</li>
 * </ul>
 * Text that is not valid UTF-8 (a Latin-1 byte in a comment) is read with the replacement
 * character in place of each invalid byte, as nft reads bytes.
 */
public final class InputLimits {

    /** Bytes of one file. */
    public static final int MAX_FILE_BYTES = 64 << 20;
    /** Bytes of all files of one parse. */
    public static final long MAX_TOTAL_BYTES = 256L << 20;
    /** Included files of one parse. */
    public static final int MAX_FILES = 4096;
    /** Nesting of braces and parentheses. */
    public static final int MAX_NESTING = 128;
    /** Variable expansions of one parse. */
    public static final int MAX_EXPANSIONS = 100_000;
    /** Tokens produced by variable expansion in one parse. */
    public static final int MAX_EXPANDED_TOKENS = 4_000_000;
    /** Characters of a token shown in an error message. */
    public static final int MAX_SHOWN = 64;

    private InputLimits() {
    }

    /**
     * Reads a file as nft source text: a regular file of at most {@link #MAX_FILE_BYTES} bytes.
     *
     * @param file the file
     * @return the text
     * @throws IOException when the file is missing, not a regular file, too large or unreadable
     */
    public static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(Files.exists(file) ? "not a regular file" : "no such file");
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new IOException("larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads nft source text from a stream (standard input), at most {@link #MAX_FILE_BYTES} bytes.
     *
     * @param in the stream
     * @return the text
     * @throws IOException when the stream cannot be read or holds more
     */
    public static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException("larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        return decode(bytes);
    }

    /** UTF-8, with U+FFFD for each byte that is not. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code text} cut to {@link #MAX_SHOWN} characters for an error message. */
    static String shown(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
