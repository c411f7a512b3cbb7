package org.onewindow.service.ofd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.dom4j.DocumentException;
import org.ofdrw.core.basicType.ST_Box;
import org.ofdrw.core.basicType.ST_RefID;
import org.ofdrw.core.signatures.appearance.StampAnnot;
import org.ofdrw.reader.BadOFDException;
import org.ofdrw.reader.OFDReader;
import org.ofdrw.reader.keyword.KeywordExtractor;
import org.ofdrw.reader.keyword.KeywordPosition;
import org.ofdrw.sign.OFDSigner;
import org.ofdrw.sign.SignMode;
import org.ofdrw.sign.SignatureTerminateException;
import org.onewindow.service.pki.TimeStamper;

/**
 * Seals OFD documents with GB/T 38540 version-4 electronic seals, laid out as GB/T 33190 describes:
 * {@code Doc_0/Signs/Signatures.xml} lists the seals, {@code Doc_0/Signs/Sign_N/Signature.xml} holds the SM3 hash of
 * every protected file, the seal ({@code Seal.esl}) and the visible stamp annotation (page and box), and
 * {@code SignedValue.dat} the DER {@code SES_Signature} over the SM3 hash of {@code Signature.xml}. ofdrw's
 * {@link OFDSigner} does the packaging; the signature structure is {@link SesV4Container}'s.
 *
 * <p>Continue-signing: every seal except a {@link OfdSealRequest#closing() closing} one leaves {@code Signatures.xml}
 * unprotected, so a department seal and then the center's 审批专用章 can both be applied and the first stays valid
 * (it protects every file that existed when it was made). Thread-safe.
 */
public final class OfdSealer {
    private final Clock clock;
    private final Optional<TimeStamper> timeStamper;
    private final OfdPackage.Limits limits;

    /**
     * @param clock       the signing time written in {@code TBS_Sign.timeInfo}
     * @param timeStamper the TSA for {@link OfdSealRequest#timeStamp()}, if any
     */
    public OfdSealer(Clock clock, Optional<TimeStamper> timeStamper) {
        this.clock = clock;
        this.timeStamper = timeStamper;
        this.limits = OfdPackage.Limits.DEFAULT;
    }

    /**
     * Applies one seal.
     *
     * @return the sealed package
     * @throws MalformedOfdException      not an OFD, or a hostile/damaged one
     * @throws OfdSealPlacementException  no such page or anchor text, or the rectangle is off the page
     * @throws OfdSealingException        the document already carries a closing seal
     */
    public byte[] seal(byte[] ofd, OfdSealRequest request) {
        if (request.timeStamp() && timeStamper.isEmpty()) {
            throw new OfdSealPlacementException("a time-stamp was requested, but no TSA is configured");
        }
        OfdPackage.read(ofd, limits); // bounds and names are checked before ofdrw unpacks anything
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ofd-seal");
            Path in = dir.resolve("in.ofd");
            Path out = dir.resolve("out.ofd");
            Files.write(in, ofd);
            OFDReader reader = new OFDReader(in);
            try {
                StampAnnot stamp = stamp(reader, request.placement());
                OFDSigner signer;
                try {
                    signer = new OFDSigner(reader, out);
                } catch (SignatureTerminateException e) {
                    throw new OfdSealingException("the document is closed for further seals: an earlier seal"
                            + " protects Signatures.xml");
                }
                signer.setSignMode(request.closing() ? SignMode.WholeProtected : SignMode.ContinueSign);
                signer.setSignContainer(new SesV4Container(request.signer(), clock,
                        request.timeStamp() ? timeStamper : Optional.empty()));
                signer.addApPos((r, ids) -> List.of(stamp.setID(ids.incrementAndGet())));
                signer.exeSign();
                signer.close(); // packs the result and closes the reader
                reader = null;
            } finally {
                if (reader != null) {
                    reader.close();
                }
            }
            return Files.readAllBytes(out);
        } catch (BadOFDException e) {
            throw new MalformedOfdException("the OFD cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 signing failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("sealing the OFD failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The stamp annotation (page reference and box in mm) for a placement. */
    private static StampAnnot stamp(OFDReader reader, OfdSealPlacement placement) {
        int pages = reader.getNumberOfPages();
        int page;
        double x;
        double y;
        double w;
        double h;
        if (placement instanceof OfdSealPlacement.PageArea area) {
            page = area.page();
            x = area.xMm();
            y = area.yMm();
            w = area.widthMm();
            h = area.heightMm();
        } else {
            OfdSealPlacement.Anchor anchor = (OfdSealPlacement.Anchor) placement;
            KeywordPosition found = findAnchor(reader, anchor, pages);
            page = found.getPage();
            ST_Box box = found.getBox();
            double cx = box.getTopLeftX() + box.getWidth() / 2;
            double cy = box.getTopLeftY() + box.getHeight() / 2;
            w = anchor.sizeMm();
            h = anchor.sizeMm();
            x = Math.max(0, cx - w / 2);
            y = Math.max(0, cy - h / 2);
        }
        if (page > pages) {
            throw new OfdSealPlacementException("the document has " + pages + " pages, there is no page " + page);
        }
        ST_Box size = reader.getPageSize(page);
        if (x + w > size.getWidth() + 0.01 || y + h > size.getHeight() + 0.01) {
            throw new OfdSealPlacementException(String.format(java.util.Locale.ROOT,
                    "the seal (%.1f, %.1f, %.1f × %.1f mm) does not fit on page %d (%.1f × %.1f mm)", x, y, w, h,
                    page, size.getWidth(), size.getHeight()));
        }
        return new StampAnnot()
                .setPageRef(new ST_RefID(reader.getPageObjectId(page)))
                .setBoundary(new ST_Box(x, y, w, h));
    }

    private static KeywordPosition findAnchor(OFDReader reader, OfdSealPlacement.Anchor anchor, int pages) {
        List<KeywordPosition> positions;
        try {
            positions = anchor.page() == 0
                    ? KeywordExtractor.getKeyWordPositionList(reader, anchor.text())
                    : anchor.page() > pages ? List.of()
                    : KeywordExtractor.getKeyWordPositionList(reader, anchor.text(), new int[] {anchor.page()});
        } catch (IOException | DocumentException e) {
            throw new MalformedOfdException("the page content cannot be read: " + e.getMessage(), e);
        }
        return positions.stream()
                .max(Comparator.comparingInt(KeywordPosition::getPage)
                        .thenComparingDouble(p -> p.getBox().getTopLeftY()))
                .orElseThrow(() -> new OfdSealPlacementException("the anchor text \"" + anchor.text()
                        + "\" is not in the document" + (anchor.page() == 0 ? "" : " on page " + anchor.page())));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless; the caller's result does not depend on it
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
