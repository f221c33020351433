package nftlink.packaging;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal export reader that SystemdVmTest judges the VM's journal with. */
class JournalExportTest {

    @Test
    void readsTextFieldsAndEntriesSeparatedByEmptyLines() {
        String export = """
                __MONOTONIC_TIMESTAMP=195873000
                _PID=1
                PRIORITY=7
                MESSAGE=nftlinkd.service: Changed start -> running

                _PID=72
                PRIORITY=3
                _TRANSPORT=stdout
                MESSAGE=reload refused, the running policy stays: a=b

                """;
        List<JournalExport.Entry> entries = JournalExport.parse(export.getBytes(StandardCharsets.UTF_8));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).pid()).isEqualTo(1);
        assertThat(entries.get(0).message()).isEqualTo("nftlinkd.service: Changed start -> running");
        assertThat(entries.get(1).priority()).isEqualTo(3);
        assertThat(entries.get(1).transport()).isEqualTo("stdout");
        assertThat(entries.get(1).message()).isEqualTo("reload refused, the running policy stays: a=b");
    }

    @Test
    void aBinaryFieldRunsPastTheEndIsRefused() {
        byte[] export = binaryField("MESSAGE", "x".getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(export, export.length - 3);
        assertThatThrownBy(() -> JournalExport.parse(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MESSAGE");
    }

    @Property
    void messagesComeBackAsWrittenTextOrBinary(@ForAll @Size(max = 5) List<@StringLength(max = 40) String> messages) {
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        for (String m : messages) {
            export.writeBytes("_PID=7\n".getBytes(StandardCharsets.UTF_8));
            byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
            if (m.chars().allMatch(c -> c >= ' ' && c != 0x7f)) {
                export.writeBytes(("MESSAGE=" + m + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                export.writeBytes(binaryField("MESSAGE", bytes));
            }
            export.write('\n');
        }
        List<JournalExport.Entry> entries = JournalExport.parse(export.toByteArray());
        assertThat(entries).extracting(JournalExport.Entry::message)
                .containsExactlyElementsOf(messages.stream().map(m -> new String(m.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).toList());
        assertThat(entries).extracting(JournalExport.Entry::pid).allMatch(p -> p == 7);
    }

    /** A field as journalctl writes one that is not printable text: name, length, bytes. */
    private static byte[] binaryField(String name, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((name + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value.length).array());
        out.writeBytes(value);
        out.write('\n');
        return out.toByteArray();
    }
}
