package dev.cairn.data.chunking;

/**
 * Content-defined chunking with FastCDC (Xia et al., USENIX ATC 2016): a gear rolling hash over the data, cut where
 * its masked bits are zero. Normalized chunking (a stricter mask before the average size, a looser one after) keeps
 * sizes close to the average; cut points depend only on nearby content, so an insertion moves only the chunks
 * around it.
 *
 * <p>Sizes: minimum 256 KiB, average 1 MiB, maximum 4 MiB ({@link #standard()}). The gear table is fixed (v1): a
 * change to it, or to the masks, changes every chunk id and is a new chunking version.
 */
public final class FastCdc {
    /** The chunking of format v1: 256 KiB minimum, 1 MiB average, 4 MiB maximum. */
    public static final int VERSION = 1;

    private static final long[] GEAR = gearTable(0x43414952_4e5f7631L); // "CAIRN_v1"

    private final int minSize;
    private final int averageSize;
    private final int maxSize;
    private final long maskSmall;
    private final long maskLarge;

    /**
     * @param minSize no cut before this many bytes
     * @param averageSize the target size, a power of two
     * @param maxSize always cut here
     */
    public FastCdc(int minSize, int averageSize, int maxSize) {
        if (Integer.bitCount(averageSize) != 1 || minSize <= 0 || minSize >= averageSize || averageSize >= maxSize) {
            throw new IllegalArgumentException("need 0 < min < average < max, average a power of two");
        }
        this.minSize = minSize;
        this.averageSize = averageSize;
        this.maxSize = maxSize;
        int bits = Integer.numberOfTrailingZeros(averageSize);
        // normalization level 2: two more bits before the average, two fewer after
        this.maskSmall = spreadMask(bits + 2);
        this.maskLarge = spreadMask(bits - 2);
    }

    /** The chunking of format v1. */
    public static FastCdc standard() {
        return new FastCdc(256 * 1024, 1024 * 1024, 4 * 1024 * 1024);
    }

    public int minSize() {
        return minSize;
    }

    public int maxSize() {
        return maxSize;
    }

    /**
     * The length of the chunk that starts at {@code offset}: a cut point in {@code data[offset, offset+length)}, or
     * {@code length} itself when no cut point comes before it (the caller decides whether more data is coming).
     */
    public int cut(byte[] data, int offset, int length) {
        if (length <= minSize) {
            return length;
        }
        int end = Math.min(length, maxSize);
        int normal = Math.min(end, averageSize);
        long hash = 0;
        int i = minSize; // the first minSize bytes cannot hold a cut: skip hashing them
        for (; i < normal; i++) {
            hash = (hash << 1) + GEAR[data[offset + i] & 0xff];
            if ((hash & maskSmall) == 0) {
                return i + 1;
            }
        }
        for (; i < end; i++) {
            hash = (hash << 1) + GEAR[data[offset + i] & 0xff];
            if ((hash & maskLarge) == 0) {
                return i + 1;
            }
        }
        return end;
    }

    /** A mask of {@code bits} one-bits spread over the upper 48 bits of the hash, as FastCDC recommends. */
    private static long spreadMask(int bits) {
        long mask = 0;
        int placed = 0;
        // spread the one-bits evenly over positions 63..16, so that they depend on a wide window of the input
        for (int k = 0; k < bits; k++) {
            int position = 63 - (k * 48 / bits);
            mask |= 1L << position;
            placed++;
        }
        if (placed != bits || Long.bitCount(mask) != bits) {
            throw new IllegalStateException("mask construction");
        }
        return mask;
    }

    /** 256 pseudo-random 64-bit values from SplitMix64: fixed by the seed, identical on every platform. */
    private static long[] gearTable(long seed) {
        long[] table = new long[256];
        long state = seed;
        for (int i = 0; i < table.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }
}
