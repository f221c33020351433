package nftlink.nftables;

import nftlink.netlink.MessageWriter;
import nftlink.netlink.NetlinkMessage;
import nftlink.nfnetlink.Nfnetlink;
import nftlink.nftables.lang.Datatype;
import nftlink.nftables.lang.ObjectType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sets built from datatypes, flags and durations: the kernel numbers they stand for, and their round trips. */
class TypedSetProperties {

    /** Types with a fixed length and a number of their own (the first of a number is the one decoded). */
    private static final List<Datatype> FIXED = List.of(Datatype.IPV4_ADDR, Datatype.IPV6_ADDR, Datatype.ETHER_ADDR,
            Datatype.INET_PROTO, Datatype.INET_SERVICE, Datatype.MARK, Datatype.IFNAME, Datatype.CGROUPV2,
            Datatype.ETHERTYPE, Datatype.UID, Datatype.GID, Datatype.ICMP_TYPE);

    @Provide
    Arbitrary<List<Datatype>> keys() {
        return Arbitraries.of(FIXED).list().ofMinSize(1).ofMaxSize(5)
                .filter(parts -> parts.stream().mapToInt(d -> (d.length() + 3) / 4 * 4).sum() <= 64);
    }

    private static NetlinkMessage message(NftSet set) {
        MessageWriter w = new MessageWriter(512);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_NEWSET), 0, 1,
                set.family().protocol(), 0);
        set.writeAttributes(w);
        w.endMessage(m);
        return NetlinkMessage.parseOne(w.toByteArray());
    }

    @Test
    void aDeletionNamesTheSetOnly() {
        NftSet map = NftSet.builder(Family.INET, "app", "ports").key(Datatype.INET_SERVICE).map(Datatype.IPV4_ADDR)
                .timeout(Duration.ofHours(1)).comment("web").build();
        NftSet reference = NftSet.decodeReference(message(map));
        assertThat(reference.qualifiedName()).isEqualTo("inet app ports");
        assertThat(reference.flags()).isEqualTo(map.flags());
        assertThat(reference.keyType()).isEqualTo(map.keyType());
        assertThat(reference.keyLength()).isEqualTo(2);
        assertThat(reference.dataLength()).isZero();
        assertThat(reference.timeout()).isEqualTo(Duration.ZERO);
        assertThat(reference.userdata()).isNull();
        assertThat(NftSet.decode(message(map))).isEqualTo(map);

        MessageWriter w = new MessageWriter(128);
        int m = Nfnetlink.beginMessage(w, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_DELSET), 0, 1, Family.IP.protocol(), 0);
        w.attrString(NfTablesUapi.NFTA_SET_TABLE, "t");
        w.attrString(NfTablesUapi.NFTA_SET_NAME, "s");
        w.endMessage(m);
        NetlinkMessage keyless = NetlinkMessage.parseOne(w.toByteArray());
        assertThat(NftSet.decodeReference(keyless).keyType()).isZero();
        assertThatThrownBy(() -> NftSet.decode(keyless)).hasMessageContaining("key type or key length");

        MessageWriter nameless = new MessageWriter(128);
        m = Nfnetlink.beginMessage(nameless, Nfnetlink.messageType(10, NfTablesUapi.NFT_MSG_DELSET), 0, 1, Family.IP.protocol(), 0);
        nameless.attrString(NfTablesUapi.NFTA_SET_TABLE, "t");
        nameless.endMessage(m);
        assertThatThrownBy(() -> NftSet.decodeReference(NetlinkMessage.parseOne(nameless.toByteArray())))
                .hasMessageContaining("without table or name");
    }

    @Test
    void aSetOfAddressesWithATimeoutIsOneExpression() {
        NftSet set = NftSet.builder(Family.INET, "app", "blocked").key(Datatype.IPV4_ADDR)
                .timeout(Duration.ofHours(1)).build();
        assertThat(set.keyType()).isEqualTo(7);
        assertThat(set.keyLength()).isEqualTo(4);
        assertThat(set.flags()).isEqualTo(NfTablesUapi.NFT_SET_TIMEOUT);
        assertThat(set.flagSet()).containsExactly(SetFlag.TIMEOUT);
        assertThat(set.timeout()).isEqualTo(Duration.ofHours(1));
        assertThat(set.keyDatatypes()).containsExactly(Datatype.IPV4_ADDR);
        assertThat(NftSet.decode(message(set))).isEqualTo(set);
    }

    @Test
    void aConcatenationHasNftsTypeNumberPaddedLengthAndFieldLengths() {
        NftSet set = NftSet.builder(Family.INET, "t", "s").key(Datatype.IPV4_ADDR, Datatype.INET_SERVICE).interval()
                .build();
        assertThat(set.keyType()).isEqualTo(7 << 6 | 13);
        assertThat(set.keyLength()).isEqualTo(8);
        assertThat(set.fieldLengths()).containsExactly(4, 2);
        assertThat(set.flagSet()).containsExactlyInAnyOrder(SetFlag.INTERVAL, SetFlag.CONCAT);
        assertThat(set.keyDatatypes()).containsExactly(Datatype.IPV4_ADDR, Datatype.INET_SERVICE);
    }

    @Test
    void mapsCarryTheirDataType() {
        NftSet map = NftSet.builder(Family.IP, "t", "m").key(Datatype.INET_SERVICE).map(Datatype.IPV4_ADDR).build();
        assertThat(map.flagSet()).containsExactly(SetFlag.MAP);
        assertThat(map.dataType()).isEqualTo(7);
        assertThat(map.dataLength()).isEqualTo(4);
        assertThat(map.dataDatatype()).contains(Datatype.IPV4_ADDR);
        NftSet vmap = NftSet.builder(Family.IP, "t", "v").key(Datatype.INET_SERVICE).verdictMap().build();
        assertThat(vmap.isVerdictMap()).isTrue();
        assertThat(vmap.dataType()).isEqualTo(0xffffff00);
        assertThat(vmap.dataDatatype()).isEmpty();
        NftSet objects = NftSet.builder(Family.IP, "t", "o").key(Datatype.IPV4_ADDR).objectMap(ObjectType.COUNTER).build();
        assertThat(objects.flagSet()).containsExactly(SetFlag.OBJECT);
        assertThat(objects.objectType()).isEqualTo(NfTablesUapi.NFT_OBJECT_COUNTER);
    }

    @Test
    void aCommentIsStoredWhereNftReadsIt() {
        NftSet set = NftSet.builder(Family.IP, "t", "s").key(Datatype.MARK).comment("mine").build();
        assertThat(set.comment()).contains("mine");
        assertThat(NftSet.of(Family.IP, "t", "s", Datatype.MARK).comment()).isEmpty();
    }

    @Test
    void badInputIsRefusedWithAReason() {
        NftSet.Builder b = NftSet.builder(Family.IP, "t", "s");
        assertThatThrownBy(() -> b.key(Datatype.INTEGER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key(type, length)");
        assertThatThrownBy(() -> b.key(Datatype.INTEGER, 65)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.timeout(Duration.ofNanos(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.gcInterval(Duration.ofDays(50))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("no key");
        assertThat(b.key(Datatype.INTEGER, 4).build().keyLength()).isEqualTo(4);
    }

    @Property
    void keysMapToTypeNumbersAndBack(@ForAll("keys") List<Datatype> parts,
                                     @ForAll @LongRange(min = 1, max = 1L << 40) long timeoutMillis,
                                     @ForAll @LongRange(min = 1, max = 0xffffffffL) long gcMillis) {
        NftSet set = NftSet.builder(Family.INET, "t", "s").key(parts.toArray(Datatype[]::new))
                .timeout(Duration.ofMillis(timeoutMillis)).gcInterval(Duration.ofMillis(gcMillis)).build();
        assertThat(set.keyDatatypes()).isEqualTo(parts);
        // a concatenation's fields take whole 32-bit words, a single key its own length
        assertThat(set.keyLength()).isEqualTo(parts.size() == 1 ? parts.getFirst().length()
                : parts.stream().mapToInt(d -> (d.length() + 3) / 4 * 4).sum());
        assertThat(set.fieldLengths()).isEmpty();
        NftSet ranges = NftSet.builder(Family.INET, "t", "s").key(parts.toArray(Datatype[]::new)).interval().build();
        assertThat(ranges.fieldLengths()).isEqualTo(parts.size() == 1 ? List.of() : parts.stream().map(Datatype::length).toList());
        assertThat(ranges.flagSet().contains(SetFlag.CONCAT)).isEqualTo(parts.size() > 1);
        NftSet back = NftSet.decode(message(set));
        assertThat(back).isEqualTo(set);
        assertThat(back.timeout()).isEqualTo(Duration.ofMillis(timeoutMillis));
        assertThat(back.gcInterval()).isEqualTo(Duration.ofMillis(gcMillis));
    }

    @Property
    void flagsMapToBitsAndBackKeepingUnknownBits(@ForAll int bits) {
        EnumSet<SetFlag> known = SetFlag.of(bits);
        assertThat(SetFlag.bits(known) | SetFlag.unknownBits(bits)).isEqualTo(bits);
        assertThat(SetFlag.bits(known) & SetFlag.unknownBits(bits)).isZero();
        NftSet raw = NftSet.of(Family.IP, "t", "s", 7, 4).withFlags(bits);
        assertThat(raw.flagSet()).isEqualTo(known);
        assertThat(raw.withFlags(known).flags()).isEqualTo(bits & ~SetFlag.unknownBits(bits));
    }

    @Property
    void flagSetsBuildTheirBits(@ForAll("flagLists") List<SetFlag> flags) {
        NftSet set = NftSet.builder(Family.IP, "t", "s").key(Datatype.IPV4_ADDR).flags(flags.toArray(SetFlag[]::new))
                .build();
        assertThat(set.flagSet()).isEqualTo(flags.isEmpty() ? EnumSet.noneOf(SetFlag.class) : EnumSet.copyOf(flags));
        int expected = 0;
        for (SetFlag f : flags) {
            expected |= f.bit();
        }
        assertThat(set.flags()).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<SetFlag>> flagLists() {
        return Arbitraries.of(SetFlag.class).list().ofMaxSize(4);
    }

    @Property
    void bytesOfIntsAreTheBytes(@ForAll byte[] raw) {
        int[] values = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = raw[i] & 0xff;
        }
        assertThat(Bytes.of(values)).isEqualTo(Bytes.of(raw));
    }

    @Property
    void bytesOutsideAByteAreRefused(@ForAll @IntRange(min = 256) int big, @ForAll @IntRange(min = Integer.MIN_VALUE, max = -1) int negative) {
        assertThatThrownBy(() -> Bytes.of(10, big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byte 1 is " + big);
        assertThatThrownBy(() -> Bytes.of(negative)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..255");
    }
}
