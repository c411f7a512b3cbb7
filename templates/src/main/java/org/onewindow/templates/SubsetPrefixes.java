package org.onewindow.templates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * iText names embedded font subsets with a random six-letter tag ({@code ABCDEF+FontName}). To get the same bytes
 * for the same input, the tags are replaced after writing by tags derived from the document id. The replacement has
 * the same length, so no offsets change; only names of fonts actually embedded are touched, and only in the
 * uncompressed object dictionaries where iText writes them.
 */
final class SubsetPrefixes {
    private SubsetPrefixes() {
    }

    static byte[] makeDeterministic(byte[] pdf, byte[] documentId, Collection<String> fontNames) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        byte[] out = pdf.clone();
        for (String fontName : fontNames) {
            if (fontName == null || fontName.isEmpty()) {
                continue;
            }
            Matcher m = Pattern.compile("/([A-Z]{6})\\+" + Pattern.quote(fontName) + "(?=[\\s/>\\[\\]()<-])").matcher(text);
            byte[] tag = tag(documentId, fontName);
            while (m.find()) {
                System.arraycopy(tag, 0, out, m.start(1), 6);
            }
        }
        return out;
    }

    private static byte[] tag(byte[] documentId, String fontName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(documentId);
            sha.update(fontName.getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha.digest();
            byte[] tag = new byte[6];
            for (int i = 0; i < 6; i++) {
                tag[i] = (byte) ('A' + Math.floorMod(hash[i], 26));
            }
            return tag;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
