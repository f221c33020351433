package nftlink.nftables.lang;

import nftlink.nftables.Family;
import nftlink.nftables.NfTablesUapi;
import nftlink.nftables.expr.Expression;
import nftlink.nftables.expr.Hash;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code jhash KEY mod N [seed S] [offset O]}: a Jenkins hash of values from the packet
 * ({@code jhash ip saddr . ip daddr mod 2}), a number from {@code offset} to
 * {@code offset + N - 1}, as in {@code ct mark set jhash ...} or {@code queue to jhash ...}.
 * As nft does, the key is loaded into register 2 and hashed into register 1.
 *
 * @param key     what is hashed: a field or a concatenation
 * @param modulus how many values the hash takes
 * @param seed    the seed, or {@code null} for one the kernel draws at random
 * @param offset  added to the hash
 */
public record HashField(Field key, int modulus, Integer seed, int offset) implements ComputedField {

    /** The register nft loads the key into. */
    static final int KEY_REGISTER = NfTablesUapi.NFT_REG_1 + 1;

    /** Checks the components: a key jhash can hash. */
    public HashField {
        Objects.requireNonNull(key, "key");
        if (key instanceof HashField || key instanceof MapLookupField || key instanceof MaskedField) {
            throw new IllegalArgumentException("unsupported: jhash of " + key.text());
        }
        if (modulus == 0) {
            throw new IllegalArgumentException("jhash needs a modulus above 0");
        }
    }

    /** Bytes of the key in registers: each concatenated field padded to 32 bits. */
    int keyLength() {
        if (key instanceof ConcatField concat) {
            return concat.fieldLengths().stream().mapToInt(l -> (l + 3) & ~3).sum();
        }
        return key.length();
    }

    @Override
    public Expression load(int register) {
        return hash(register);
    }

    private Hash.Jenkins hash(int register) {
        if (register != NfTablesUapi.NFT_REG_1) {
            throw new IllegalArgumentException("unsupported: jhash inside a concatenation");
        }
        return new Hash.Jenkins(KEY_REGISTER, register, keyLength(), modulus, seed, offset);
    }

    /** The key's loads into register 2, then the hash into {@code register}. */
    @Override
    public List<Expression> loads(int register) {
        Hash.Jenkins hash = hash(register);
        List<Expression> out = new ArrayList<>(key.loads(KEY_REGISTER));
        out.add(hash);
        return out;
    }

    @Override
    public List<Match> dependencies(Family family) {
        return key.dependencies(family);
    }

    @Override
    public String text() {
        return "jhash " + key.text() + " mod " + Integer.toUnsignedString(modulus)
                + (seed == null ? "" : " seed 0x" + Integer.toHexString(seed))
                + (offset == 0 ? "" : " offset " + Integer.toUnsignedString(offset));
    }
}
