package nftlink.vrf;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The socket-binding program, instruction by instruction (little-endian encoding). */
class BpfProgramTest {

    @Test
    void programStoresTheIfindexIntoBoundDevIfAndAllows() {
        assertEquals(String.join("",
                "b702000004010000", // r2 = 260 (BPF_ALU64 | BPF_MOV | BPF_K)
                "6321000000000000", // *(u32 *)(r1 + 0) = r2 (BPF_STX | BPF_MEM | BPF_W; bound_dev_if is at offset 0)
                "b700000001000000", // r0 = 1: allow the socket
                "9500000000000000"), // exit
                HexFormat.of().formatHex(Bpf.bindDeviceProgram(260)));
    }
}
