package nftlink.examples.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools run on picocli compiled for this project's release (the picocli module), not the published
 * jar's Java 5 class files, which the JDK's AOT cache cannot hold (#18: the CLI's start-up).
 */
class PicocliReleaseTest {

    @Test
    void picocliClassesAreModernEnoughForTheAotCache() throws IOException {
        try (InputStream in = CommandLine.class.getResourceAsStream("CommandLine.class")) {
            assertThat(in).isNotNull();
            DataInputStream data = new DataInputStream(in);
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort();
            assertThat(data.readUnsignedShort()).as("class file major version: 66 (Java 22), the project's release; "
                    + "the published jar's 49 (Java 5) is older than the AOT cache takes").isEqualTo(66);
        }
    }
}
