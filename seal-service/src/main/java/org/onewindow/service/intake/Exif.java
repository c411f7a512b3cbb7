package org.onewindow.service.intake;

/**
 * The two EXIF facts intake needs from a JPEG's APP1 segment: orientation and resolution. Malformed EXIF
 * is ignored (the image is then taken as stored), never trusted for offsets outside the segment.
 */
record Exif(int orientation, double dpiX, double dpiY) {
    private static final Exif NONE = new Exif(1, 0, 0);

    static Exif read(byte[] tiff) {
        try {
            boolean little = tiff[0] == 'I' && tiff[1] == 'I';
            if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) {
                return NONE;
            }
            Reader r = new Reader(tiff, little);
            int ifd = (int) r.u32(4);
            int entries = r.u16(ifd);
            int orientation = 1;
            double xRes = 0;
            double yRes = 0;
            int unit = 2;
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + 12 * i;
                int tag = r.u16(entry);
                switch (tag) {
                    case 0x0112 -> orientation = r.u16(entry + 8);
                    case 0x011A -> xRes = r.rational((int) r.u32(entry + 8));
                    case 0x011B -> yRes = r.rational((int) r.u32(entry + 8));
                    case 0x0128 -> unit = r.u16(entry + 8);
                    default -> {
                    }
                }
            }
            if (orientation < 1 || orientation > 8) {
                orientation = 1;
            }
            double scale = unit == 3 ? 2.54 : unit == 2 ? 1 : 0;
            return new Exif(orientation, xRes * scale, yRes * scale);
        } catch (IndexOutOfBoundsException e) {
            return NONE;
        }
    }

    private record Reader(byte[] b, boolean little) {
        int u16(int p) {
            return little ? (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) : ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
        }

        long u32(int p) {
            return little ? (u16(p) | ((long) u16(p + 2) << 16)) : (((long) u16(p) << 16) | u16(p + 2));
        }

        double rational(int p) {
            long d = u32(p + 4);
            return d == 0 ? 0 : (double) u32(p) / d;
        }
    }
}
