package nftlink.nftables.lang;

import nftlink.nftables.Bytes;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** nft's output flags as {@link Datatype#print} and the other printers apply them. */
class OutputFlagsTest {

    private static final OutputFlags NUMERIC = new OutputFlags(false, false, false, false, true, true, true);

    @Test
    void numericSymbolsAsNftPrintsThem() {
        assertThat(NUMERIC.apply(() -> Datatype.ICMP_TYPE.print(Bytes.u8(8)))).isEqualTo("8");
        assertThat(NUMERIC.apply(() -> Datatype.INET_PROTO.print(Bytes.u8(17)))).isEqualTo("17");
        assertThat(NUMERIC.apply(() -> Datatype.ETHERTYPE.print(Bytes.u16Be(0x0800)))).isEqualTo("0x0800");
        assertThat(NUMERIC.apply(() -> Datatype.DSCP.print(Bytes.u8(0x12)))).isEqualTo("0x12");
        assertThat(NUMERIC.apply(() -> Datatype.TCP_FLAG.print(Bytes.u8(0x12)))).isEqualTo("0x2,0x10");
        assertThat(NUMERIC.apply(() -> CtState.render(0x6))).isEqualTo("0x2,0x4");
        assertThat(NUMERIC.apply(() -> NftTime.format(3_600_000))).isEqualTo("3600s");
        assertThat(NUMERIC.apply(() -> Datatype.MARK.print(Bytes.u32(0x10)))).as("marks print as before").isEqualTo("0x00000010");
    }

    @Test
    void defaultsOutsideApplyAndAfterIt() {
        assertThat(Datatype.ICMP_TYPE.print(Bytes.u8(8))).isEqualTo("echo-request");
        NUMERIC.apply(() -> new OutputFlags(true, false, false, false, false, false, false)
                .apply(() -> assertThat(OutputFlags.current().numericSymbol()).isFalse()));
        assertThat(OutputFlags.current()).isEqualTo(OutputFlags.DEFAULT);
        assertThat(CtState.render(0x6)).isEqualTo("established,related");
        assertThat(NftTime.format(3_600_000)).isEqualTo("1h");
    }

    @Test
    void servicesAndAccountsByNameFromTheSystemFiles() throws Exception {
        assumeThat(Files.readString(Path.of("/etc/services"))).contains("\nssh\t\t22/tcp");
        OutputFlags names = new OutputFlags(false, true, false, true, false, false, false);
        assertThat(names.apply(() -> Datatype.INET_SERVICE.print(Bytes.u16Be(22)))).isEqualTo("\"ssh\"");
        assertThat(names.apply(() -> Datatype.INET_SERVICE.print(Bytes.u16Be(47_123)))).isEqualTo("47123");
        assertThat(names.apply(() -> Datatype.UID.print(Bytes.u32(0)))).isEqualTo("\"root\"");
        assertThat(names.apply(() -> Datatype.GID.print(Bytes.u32(0)))).isEqualTo("\"root\"");
    }
}
