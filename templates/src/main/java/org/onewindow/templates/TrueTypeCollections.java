package org.onewindow.templates;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Extracts one face of a TrueType collection (.ttc) as a standalone TrueType font. iText subsets a face read
 * straight from a collection into a font program that other readers (PDFBox) reject as truncated; a standalone copy
 * of the face subsets cleanly.
 */
final class TrueTypeCollections {
    private TrueTypeCollections() {
    }

    static byte[] extractFace(byte[] ttc, int index) {
        ByteBuffer in = ByteBuffer.wrap(ttc);
        if (in.getInt(0) != 0x74746366) { // 'ttcf'
            throw new IllegalArgumentException("not a TrueType collection");
        }
        int faces = in.getInt(8);
        if (index < 0 || index >= faces) {
            throw new IllegalArgumentException("face " + index + " not in 0.." + (faces - 1));
        }
        int directory = in.getInt(12 + 4 * index);
        int sfntVersion = in.getInt(directory);
        int tables = Short.toUnsignedInt(in.getShort(directory + 4));
        int[][] records = new int[tables][]; // tag, checksum, offset, length
        for (int i = 0; i < tables; i++) {
            int at = directory + 12 + 16 * i;
            records[i] = new int[] {in.getInt(at), in.getInt(at + 4), in.getInt(at + 8), in.getInt(at + 12)};
        }
        int headerSize = 12 + 16 * tables;
        long size = headerSize;
        for (int[] r : records) {
            size += (Integer.toUnsignedLong(r[3]) + 3) & ~3L;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size));
        out.putInt(sfntVersion);
        out.putShort((short) tables);
        out.putShort(in.getShort(directory + 6));
        out.putShort(in.getShort(directory + 8));
        out.putShort(in.getShort(directory + 10));
        int[][] sorted = Arrays.copyOf(records, tables);
        Arrays.sort(sorted, Comparator.comparingLong(r -> Integer.toUnsignedLong(r[0]))); // directory sorted by tag
        int offset = headerSize;
        for (int[] r : sorted) {
            out.putInt(r[0]).putInt(r[1]).putInt(offset).putInt(r[3]);
            out.put(offset, ttc, r[2], r[3]);
            offset += (r[3] + 3) & ~3;
        }
        return out.array();
    }
}
