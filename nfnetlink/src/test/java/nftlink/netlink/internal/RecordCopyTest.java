package nftlink.netlink.internal;

import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodHandles;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCopyTest {

    record Range(String name, long low, long high, List<String> tags) {
        Range {
            if (low > high) {
                throw new IllegalArgumentException("low above high");
            }
            tags = List.copyOf(tags);
        }
    }

    private static final Range BASE = new Range("r", 1, 10, List.of("a"));

    @Test
    void changesTheNamedComponentsAndKeepsTheOthers() {
        Range copy = RecordCopy.of(MethodHandles.lookup(), BASE).set("high", 20L).set("name", null).record();
        assertThat(copy).isEqualTo(new Range(null, 1, 20, List.of("a")));
        assertThat(BASE).isEqualTo(new Range("r", 1, 10, List.of("a")));
        assertThat(RecordCopy.of(MethodHandles.lookup(), BASE).record()).isEqualTo(BASE);
    }

    @Test
    void theCanonicalConstructorChecksTheCopy() {
        assertThatThrownBy(() -> RecordCopy.of(MethodHandles.lookup(), BASE).set("low", 11L).record())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("low above high");
    }

    @Test
    void anUnknownComponentOrAWrongTypeIsRefused() {
        assertThatThrownBy(() -> RecordCopy.of(MethodHandles.lookup(), BASE).set("width", 3L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no component width");
        assertThatThrownBy(() -> RecordCopy.of(MethodHandles.lookup(), BASE).set("name", 3L).record())
                .isInstanceOf(ClassCastException.class);
    }
}
