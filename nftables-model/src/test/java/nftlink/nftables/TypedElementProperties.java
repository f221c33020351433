package nftlink.nftables;

import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.nftables.lang.Datatype;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Set elements from addresses, prefixes, ports and durations. */
class TypedElementProperties {

    private static SetElement roundTrip(SetElement e) {
        MessageWriter w = new MessageWriter(256);
        int m = w.beginMessage(16, 0, 1);
        e.write(w);
        w.endMessage(m);
        return SetElement.decode(NetlinkMessage.parseOne(w.toByteArray()).attributes(0).iterator().next());
    }

    @Test
    void elementsFromAddressesPortsAndText() throws Exception {
        assertThat(SetElement.of(InetAddress.getByName("10.0.0.1")).key()).isEqualTo(Bytes.of(10, 0, 0, 1));
        assertThat(SetElement.of(InetAddress.getByName("2001:db8::1")).key().length()).isEqualTo(16);
        assertThat(SetElement.port(22).key()).isEqualTo(Bytes.of(0, 22));
        assertThat(SetElement.of(Datatype.INET_SERVICE, "ssh")).isEqualTo(SetElement.port(22));
        assertThat(SetElement.of(Datatype.MARK, "0x10").key()).isEqualTo(Bytes.u32(0x10));
        assertThatThrownBy(() -> SetElement.port(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SetElement.of(Datatype.INTEGER, "1")).hasMessageContaining("no fixed length");
        assertThatThrownBy(() -> SetElement.of(Datatype.IPV4_ADDR, "example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Bytes.of(InetAddress.getByName("192.168.1.2"))).isEqualTo(Bytes.of(192, 168, 1, 2));
    }

    @Test
    void aPrefixIsTheIntervalNftWrites() {
        assertThat(SetElement.prefix("10.0.0.0/8")).containsExactly(
                SetElement.intervalEnd(Bytes.of(0, 0, 0, 0)),
                SetElement.of(Bytes.of(10, 0, 0, 0)),
                SetElement.intervalEnd(Bytes.of(11, 0, 0, 0)));
        assertThat(SetElement.prefix("0.0.0.0/0")).containsExactly(SetElement.of(Bytes.of(0, 0, 0, 0)).asOpenInterval());
        assertThat(SetElement.prefix("192.0.2.7")).containsExactly(
                SetElement.intervalEnd(Bytes.of(0, 0, 0, 0)),
                SetElement.of(Bytes.of(192, 0, 2, 7)),
                SetElement.intervalEnd(Bytes.of(192, 0, 2, 8)));
        List<SetElement> v6 = SetElement.prefix("2001:db8::/32");
        assertThat(v6.get(1).key().toArray()).startsWith(0x20, 0x01, 0x0d, 0xb8).hasSize(16);
        assertThat(v6.get(2).key().toArray()).startsWith(0x20, 0x01, 0x0d, 0xb9);
        assertThat(SetElement.prefix("::ffff:10.0.0.0/104").get(1).key().length()).isEqualTo(16);
    }

    @Test
    void aPortRangeIsTheIntervalNftWrites() {
        assertThat(SetElement.ports(1024, 65535)).containsExactly(
                SetElement.intervalEnd(Bytes.of(0, 0)),
                SetElement.of(Bytes.of(4, 0)).asOpenInterval());
        assertThat(SetElement.ports(0, 22)).containsExactly(
                SetElement.port(0),
                SetElement.intervalEnd(Bytes.of(0, 23)));
        assertThatThrownBy(() -> SetElement.ports(30, 20)).hasMessageContaining("no range");
        assertThatThrownBy(() -> SetElement.ports(1, 65536)).hasMessageContaining("no range");
    }

    @Test
    void badPrefixesAreRefusedWithAReason() {
        assertThatThrownBy(() -> SetElement.prefix("10.0.0.1/8")).hasMessageContaining("bits set below");
        assertThatThrownBy(() -> SetElement.prefix("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> SetElement.prefix("example.com/8")).hasMessageContaining("no IPv4 or IPv6 address");
        assertThatThrownBy(() -> SetElement.prefix("10.0.0.0/x")).hasMessageContaining("no prefix length");
    }

    @Property
    void everyIpv4PrefixCoversExactlyItsAddresses(@ForAll int address, @ForAll @IntRange(min = 1, max = 32) int length) {
        long mask = (0xffffffffL << (32 - length)) & 0xffffffffL;
        long low = Integer.toUnsignedLong(address) & mask;
        long next = low + (1L << (32 - length));
        String text = ((low >>> 24) & 0xff) + "." + ((low >>> 16) & 0xff) + "." + ((low >>> 8) & 0xff) + "." + (low & 0xff)
                + "/" + length;
        List<SetElement> elements = SetElement.prefix(text);
        List<SetElement> starts = elements.stream().filter(e -> !e.isIntervalEnd()).toList();
        assertThat(starts).hasSize(1);
        assertThat(starts.getFirst().key()).isEqualTo(Bytes.u32Be((int) low));
        if (next > 0xffffffffL) {
            assertThat(starts.getFirst().userdata()).isNotNull();
            assertThat(elements.getLast()).isEqualTo(starts.getFirst());
        } else {
            assertThat(elements.getLast()).isEqualTo(SetElement.intervalEnd(Bytes.u32Be((int) next)));
        }
        assertThat(elements.getFirst().isIntervalEnd()).isEqualTo(low != 0);
        assertThat(SetElement.range(address(low), address(next - 1))).isEqualTo(elements);
    }

    private static InetAddress address(long v) {
        try {
            return InetAddress.getByAddress(Bytes.u32Be((int) v).toArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Property
    void timeoutsAndExpirationsRoundTripAsDurations(@ForAll @LongRange(min = 0, max = 1L << 45) long timeout,
                                                    @ForAll @LongRange(min = 0, max = 1L << 45) long expiration) {
        SetElement e = SetElement.port(443).withTimeout(Duration.ofMillis(timeout))
                .withExpiration(Duration.ofMillis(expiration)).withComment("c");
        SetElement back = roundTrip(e);
        assertThat(back).isEqualTo(e);
        assertThat(back.timeout()).isEqualTo(Duration.ofMillis(timeout));
        assertThat(back.expiration()).isEqualTo(Duration.ofMillis(expiration));
        assertThat(back.comment()).contains("c");
        assertThat(SetElement.port(443).comment()).isEmpty();
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> SetElement.port(1).withTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SetElement.port(1).withExpiration(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
