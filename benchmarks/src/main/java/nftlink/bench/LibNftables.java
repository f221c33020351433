package nftlink.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libnftables ({@code libnftables.so.1}, Debian package {@code libnftables1}) called
 * in-process through FFM: what {@code nft} itself does, minus the process.
 *
 * <p>The context is created on the benchmark namespace's inside thread:
 * {@code nft_ctx_new} opens the context's netlink socket there, so the socket
 * belongs to the namespace for the context's whole life and commands may then
 * be run from any thread. {@link #open} checks this with a table that exists
 * only inside the namespace before anything is written.
 */
public final class LibNftables implements AutoCloseable {

    private static final MethodHandle CTX_NEW;
    private static final MethodHandle CTX_FREE;
    private static final MethodHandle RUN_CMD_FROM_BUFFER;
    private static final MethodHandle BUFFER_OUTPUT;
    private static final MethodHandle BUFFER_ERROR;
    private static final MethodHandle GET_OUTPUT_BUFFER;
    private static final MethodHandle GET_ERROR_BUFFER;
    private static final MethodHandle STRLEN;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = SymbolLookup.libraryLookup("libnftables.so.1", Arena.global());
        CTX_NEW = linker.downcallHandle(lib.find("nft_ctx_new").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));
        CTX_FREE = linker.downcallHandle(lib.find("nft_ctx_free").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));
        RUN_CMD_FROM_BUFFER = linker.downcallHandle(lib.find("nft_run_cmd_from_buffer").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        BUFFER_OUTPUT = linker.downcallHandle(lib.find("nft_ctx_buffer_output").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        BUFFER_ERROR = linker.downcallHandle(lib.find("nft_ctx_buffer_error").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        GET_OUTPUT_BUFFER = linker.downcallHandle(lib.find("nft_ctx_get_output_buffer").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        GET_ERROR_BUFFER = linker.downcallHandle(lib.find("nft_ctx_get_error_buffer").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        STRLEN = linker.downcallHandle(linker.defaultLookup().find("strlen").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    }

    private final MemorySegment ctx;
    private final Arena arena = Arena.ofShared();
    private boolean closed;

    private LibNftables(MemorySegment ctx) {
        this.ctx = ctx;
    }

    /**
     * Creates a context inside {@code ns} and proves it talks to that namespace by
     * listing {@code probeTable} (e.g. {@code "inet t"}), which must exist only there.
     */
    public static LibNftables open(BenchNamespace ns, String probeTable) {
        LibNftables lib = ns.inside(LibNftables::create);
        try {
            lib.run(lib.command("list table " + probeTable));
        } catch (RuntimeException e) {
            lib.close();
            throw new IllegalStateException("the libnftables context does not see the benchmark namespace: "
                    + e.getMessage(), e);
        }
        return lib;
    }

    private static LibNftables create() {
        try {
            MemorySegment c = (MemorySegment) CTX_NEW.invokeExact(0); // NFT_CTX_DEFAULT
            if (c.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("nft_ctx_new failed");
            }
            int a = (int) BUFFER_OUTPUT.invokeExact(c);
            int b = (int) BUFFER_ERROR.invokeExact(c);
            if (a != 0 || b != 0) {
                throw new IllegalStateException("nft_ctx_buffer_output/error failed");
            }
            return new LibNftables(c);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t.getMessage(), t);
        }
    }

    /** A command buffer (NUL-terminated) that lives as long as this context. */
    public MemorySegment command(String text) {
        return arena.allocateFrom(text);
    }

    /**
     * {@code nft_run_cmd_from_buffer}; then fetches (and so resets) the output buffer.
     *
     * @return the output's length in bytes
     * @throws IllegalStateException when the command failed, with libnftables' message
     */
    public long run(MemorySegment command) {
        try {
            int rc = (int) RUN_CMD_FROM_BUFFER.invokeExact(ctx, command);
            if (rc != 0) {
                MemorySegment err = (MemorySegment) GET_ERROR_BUFFER.invokeExact(ctx);
                throw new IllegalStateException("libnftables: " + err.reinterpret(1 << 16).getString(0).strip());
            }
            MemorySegment out = (MemorySegment) GET_OUTPUT_BUFFER.invokeExact(ctx);
            return out.equals(MemorySegment.NULL) ? 0 : (long) STRLEN.invokeExact(out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t.getMessage(), t);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            CTX_FREE.invokeExact(ctx);
        } catch (Throwable t) {
            throw new IllegalStateException(t.getMessage(), t);
        }
        arena.close();
    }
}
