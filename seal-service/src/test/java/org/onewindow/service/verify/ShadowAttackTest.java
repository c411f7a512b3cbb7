package org.onewindow.service.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfNumber;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.kernel.pdf.annot.PdfSquareAnnotation;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;

import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.reports.Reports;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.sign.CertificationLevel;
import org.onewindow.service.sign.PadesLevel;
import org.onewindow.service.sign.PdfSealer;
import org.onewindow.service.sign.SealIdentity;
import org.onewindow.service.sign.SealPlacement;
import org.onewindow.service.sign.SealRequest;
import org.onewindow.service.verify.VerificationReport.Change;
import org.onewindow.service.verify.VerificationReport.ChangeType;

/**
 * Shadow attacks (Mainka, Mladenov, Rohlmann, Schwenk: "Shadow Attacks: Hiding and Replacing Content in Signed
 * PDFs", NDSS 2021) and the certification attacks on DocMDP documents (evil annotation, sneaky signature), built
 * from documents sealed by the service itself. The shadow content is prepared before sealing (so it is inside the
 * signed bytes); a small incremental update after sealing hides, replaces or swaps it in. Every variant must come
 * out not TOTAL_PASSED with the object and revision named, and the oracles must not call it an untouched document:
 * EU DSS either fails it or reports the modification, pdfsig says the signature does not cover the whole document.
 */
class ShadowAttackTest {
    @TempDir
    static Path dir;
    static VerifyFixture fixture;
    static SealIdentity approval;
    static Path nss;
    /** The prepared document, sealed: every attack below starts from these bytes. */
    static Path sealed;
    static Shadow shadow;

    /** Object numbers of the prepared shadow objects in the sealed file. */
    record Shadow(int overlayStream, int visibleForm, int shadowForm, int unusedFont, int shadowContent,
                  int shadowPages, int field, int shadowAppearance, int overlayAnnotation) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new VerifyFixture(dir);
        approval = fixture.seal("敦煌市行政服务中心", "审批专用章");
        Path prepared = prepare(dir.resolve("prepared.pdf"));
        sealed = dir.resolve("sealed.pdf");
        new PdfSealer(fixture.context).seal(prepared, sealed, approval, SealRequest.of(PadesLevel.B_LT,
                new SealPlacement.PageArea(2, 120, 200, 40, 40), "审批", "敦煌市行政服务中心"));
        shadow = locate(sealed);
        Path rootPem = Files.writeString(dir.resolve("root.pem"), Pem.encode(fixture.root()));
        nss = Files.createDirectories(dir.resolve("nss"));
        run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
        run("certutil", "-A", "-d", "sql:" + nss, "-n", "ca", "-t", "CT,C,C", "-i", rootPem.toString());
    }

    /**
     * The document the attacker gets sealed. Page 1 shows 「予以受理」 painted over 「不予受理」 (a white overlay in a
     * second content stream, and a white square annotation), draws a form XObject with the decision, and holds a
     * text field 决定 = 予以受理. Unused but present: a form XObject and a content stream saying 不予受理, a second
     * font, an appearance stream for the field, and a complete second page tree.
     */
    static Path prepare(Path file) throws Exception {
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(file.toFile()))) {
            pdf.setFlushUnusedObjects(true); // the shadow objects are written although nothing references them
            PdfFont song = PdfFontFactory.createFont(VerifyFixture.FONT, PdfEncodings.IDENTITY_H,
                    PdfFontFactory.EmbeddingStrategy.PREFER_EMBEDDED, pdf);
            PdfFont kai = PdfFontFactory.createFont("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
                    PdfEncodings.IDENTITY_H, PdfFontFactory.EmbeddingStrategy.PREFER_EMBEDDED, pdf);
            PdfPage page1 = pdf.addNewPage(PageSize.A4);
            PdfPage page2 = pdf.addNewPage(PageSize.A4);
            new PdfCanvas(page1).beginText().setFontAndSize(song, 22).moveText(200, 760).showText("受理通知书")
                    .endText().beginText().setFontAndSize(song, 14).moveText(72, 700)
                    .showText("申请人：张三。本中心决定不予受理。").endText();
            // overlay in a second content stream: a white box over the last words and the text the signer sees
            new PdfCanvas(page1.newContentStreamAfter(), page1.getResources(), pdf).saveState()
                    .setFillColor(ColorConstants.WHITE).rectangle(240, 695, 130, 22).fill().restoreState()
                    .beginText().setFontAndSize(song, 14).moveText(254, 700).showText("予以受理。").endText();
            // a form XObject that is drawn, and one that is only present
            PdfFormXObject visible = new PdfFormXObject(new Rectangle(300, 40));
            new PdfCanvas(visible, pdf).beginText().setFontAndSize(song, 14).moveText(0, 10)
                    .showText("办理结果：予以受理").endText();
            PdfFormXObject hidden = new PdfFormXObject(new Rectangle(300, 40));
            new PdfCanvas(hidden, pdf).beginText().setFontAndSize(song, 14).moveText(0, 10)
                    .showText("办理结果：不予受理").endText();
            hidden.makeIndirect(pdf);
            mark(hidden.getPdfObject(), "form");
            new PdfCanvas(page1).addXObjectAt(visible, 72, 600);
            // a second font, embedded with the glyphs it would need, used by nothing on the pages
            PdfFormXObject kaiHolder = new PdfFormXObject(new Rectangle(300, 40));
            new PdfCanvas(kaiHolder, pdf).beginText().setFontAndSize(kai, 14).moveText(0, 10)
                    .showText("申请人：张三。本中心决定不予受理。").endText();
            kaiHolder.makeIndirect(pdf);
            kai.getPdfObject().makeIndirect(pdf);
            mark(kai.getPdfObject(), "font");
            // a content stream nobody references yet
            PdfStream shadowContent = new PdfStream();
            shadowContent.makeIndirect(pdf);
            mark(shadowContent, "content");
            PdfCanvas shadowCanvas = new PdfCanvas(shadowContent, page1.getResources(), pdf);
            shadowCanvas.beginText().setFontAndSize(song, 22).moveText(200, 760).showText("受理通知书").endText()
                    .beginText().setFontAndSize(song, 14).moveText(72, 700).showText("申请人：张三。本中心决定不予受理。")
                    .endText();
            // a white square annotation over a second statement
            new PdfCanvas(page1).beginText().setFontAndSize(song, 14).moveText(72, 500)
                    .showText("缴费金额：100元").endText();
            PdfSquareAnnotation cover = new PdfSquareAnnotation(new Rectangle(160, 495, 80, 22));
            PdfFormXObject coverAppearance = new PdfFormXObject(new Rectangle(80, 22));
            new PdfCanvas(coverAppearance, pdf).setFillColor(ColorConstants.WHITE).rectangle(0, 0, 80, 22).fill()
                    .beginText().setFontAndSize(song, 14).moveText(2, 5).showText("10元").endText();
            cover.setNormalAppearance(coverAppearance.getPdfObject());
            cover.setInteriorColor(new float[] {1, 1, 1});
            cover.setColor(ColorConstants.WHITE);
            cover.setFlags(com.itextpdf.kernel.pdf.annot.PdfAnnotation.PRINT);
            page1.addAnnotation(cover);
            // a text field with its appearance, and an appearance stream for another value
            com.itextpdf.forms.PdfAcroForm form = com.itextpdf.forms.PdfAcroForm.getAcroForm(pdf, true);
            PdfFormXObject fieldShown = new PdfFormXObject(new Rectangle(200, 24));
            new PdfCanvas(fieldShown, pdf).beginText().setFontAndSize(song, 14).moveText(2, 6).showText("予以受理")
                    .endText();
            PdfFormXObject fieldShadow = new PdfFormXObject(new Rectangle(200, 24));
            new PdfCanvas(fieldShadow, pdf).beginText().setFontAndSize(song, 14).moveText(2, 6).showText("不予受理")
                    .endText();
            fieldShadow.makeIndirect(pdf);
            mark(fieldShadow.getPdfObject(), "appearance");
            PdfDictionary field = new PdfDictionary();
            field.put(PdfName.Type, PdfName.Annot);
            field.put(PdfName.Subtype, PdfName.Widget);
            field.put(PdfName.FT, PdfName.Tx);
            field.put(PdfName.T, new PdfString("决定", PdfEncodings.UNICODE_BIG));
            field.put(PdfName.V, new PdfString("予以受理", PdfEncodings.UNICODE_BIG));
            field.put(PdfName.Rect, new PdfArray(new float[] {72, 400, 272, 424}));
            field.put(PdfName.F, new PdfNumber(4));
            field.put(PdfName.DA, new PdfString("/Helv 0 Tf 0 g"));
            PdfDictionary ap = new PdfDictionary();
            ap.put(PdfName.N, fieldShown.getPdfObject());
            field.put(PdfName.AP, ap);
            field.makeIndirect(pdf);
            field.put(PdfName.P, page1.getPdfObject());
            page1.getPdfObject().put(PdfName.Annots, new PdfArray(List.of(cover.getPdfObject(), field)));
            form.getPdfObject().put(PdfName.Fields, new PdfArray(field));
            form.setModified();
            // page 2 with the seal's place
            new PdfCanvas(page2).beginText().setFontAndSize(song, 14).moveText(300, 400)
                    .showText("敦煌市行政服务中心（盖章）").endText();
            // a complete second page tree: the same two pages, but page 1 says 不予受理
            PdfDictionary pages = new PdfDictionary();
            pages.put(PdfName.Type, PdfName.Pages);
            pages.makeIndirect(pdf);
            mark(pages, "pages");
            PdfArray kids = new PdfArray();
            for (PdfPage original : List.of(page1, page2)) {
                PdfDictionary copy = new PdfDictionary();
                copy.put(PdfName.Type, PdfName.Page);
                copy.put(PdfName.Parent, pages);
                copy.put(PdfName.MediaBox, new PdfArray(new float[] {0, 0, PageSize.A4.getWidth(),
                        PageSize.A4.getHeight()}));
                copy.put(PdfName.Resources, original.getResources().getPdfObject());
                copy.put(PdfName.Contents, original == page1 ? shadowContent : original.getPdfObject()
                        .get(PdfName.Contents));
                copy.makeIndirect(pdf);
                kids.add(copy);
            }
            pages.put(PdfName.Kids, kids);
            pages.put(PdfName.Count, new PdfNumber(2));
        }
        return file;
    }

    /** Marks a prepared shadow object (an extra key viewers ignore) so that the tests can find its number. */
    static final PdfName ROLE = new PdfName("OnewindowTestShadow");

    static void mark(PdfDictionary object, String role) {
        object.put(ROLE, new PdfName(role));
    }

    /** Finds the object numbers of the shadow objects in the sealed file. */
    static Shadow locate(Path file) throws Exception {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(file.toFile()))) {
            PdfPage page1 = pdf.getPage(1);
            PdfArray contents = page1.getPdfObject().getAsArray(PdfName.Contents);
            int overlay = contents.get(1, false).getIndirectReference() == null
                    ? ((com.itextpdf.kernel.pdf.PdfIndirectReference) contents.get(1, false)).getObjNumber()
                    : contents.get(1, false).getIndirectReference().getObjNumber();
            PdfDictionary xobjects = page1.getResources().getResource(PdfName.XObject);
            int visible = ((com.itextpdf.kernel.pdf.PdfIndirectReference) xobjects.get(
                    xobjects.keySet().iterator().next(), false)).getObjNumber();
            java.util.Map<String, Integer> marked = new java.util.HashMap<>();
            for (int n = 1; n < pdf.getNumberOfPdfObjects(); n++) {
                com.itextpdf.kernel.pdf.PdfObject o = pdf.getPdfObject(n);
                if (o instanceof PdfDictionary d && d.getAsName(ROLE) != null) {
                    marked.put(d.getAsName(ROLE).getValue(), n);
                }
            }
            int shadowForm = marked.getOrDefault("form", -1);
            int unusedFont = marked.getOrDefault("font", -1);
            int shadowContent = marked.getOrDefault("content", -1);
            int shadowPages = marked.getOrDefault("pages", -1);
            int shadowAppearance = marked.getOrDefault("appearance", -1);
            PdfArray annots = page1.getPdfObject().getAsArray(PdfName.Annots);
            int overlayAnnotation = annots.getAsDictionary(0).getIndirectReference().getObjNumber();
            PdfDictionary field = annots.getAsDictionary(1);
            int shownAppearance = field.getAsDictionary(PdfName.AP).getAsStream(PdfName.N).getIndirectReference()
                    .getObjNumber();
            if (shadowAppearance == shownAppearance) {
                throw new AssertionError("the shadow appearance was not found");
            }
            Shadow found = new Shadow(overlay, visible, shadowForm, unusedFont, shadowContent, shadowPages,
                    field.getIndirectReference().getObjNumber(), shadowAppearance, overlayAnnotation);
            assertTrue(Arrays.stream(new int[] {found.shadowForm(), found.unusedFont(), found.shadowContent(),
                    found.shadowPages(), found.shadowAppearance()}).allMatch(n -> n > 0), found.toString());
            return found;
        }
    }

    static boolean isPageContent(PdfDocument pdf, int n) {
        for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
            for (int i = 0; i < pdf.getPage(p).getContentStreamCount(); i++) {
                if (pdf.getPage(p).getContentStream(i).getIndirectReference().getObjNumber() == n) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- the attacks ------------------------------------------------------------------------------------

    interface Update {
        void apply(PdfDocument pdf) throws Exception;
    }

    /** An incremental update on the sealed file: only the objects {@code update} touches are redefined. */
    static Path attack(String name, Update update) throws Exception {
        Path out = dir.resolve(name);
        try (PdfDocument pdf = new PdfDocument(new PdfReader(sealed.toFile()), new PdfWriter(out.toFile()),
                new StampingProperties().useAppendMode())) {
            update.apply(pdf);
        }
        byte[] original = Files.readAllBytes(sealed);
        byte[] attacked = Files.readAllBytes(out);
        assertTrue(Arrays.equals(original, Arrays.copyOf(attacked, original.length)), "an incremental update");
        return out;
    }

    static PdfDictionary object(PdfDocument pdf, int number) {
        return (PdfDictionary) pdf.getPdfObject(number);
    }

    @Test
    void theSealedPreparedDocumentItselfPasses() throws Exception {
        VerificationReport report = PdfVerifier.verify(sealed, fixture.policy());
        assertEquals(org.onewindow.service.verify.Indication.TOTAL_PASSED, report.indication(), report.toString());
        assertEquals(Indication.TOTAL_PASSED, dss(sealed).getSimpleReport().getIndication(
                dss(sealed).getSimpleReport().getFirstSignatureId()));
        assertTrue(pdfsig(sealed).contains("Signature is Valid"));
    }

    // hide: the overlay the signer saw is taken away after signing

    @Test
    void hideTheOverlayStreamByDroppingItFromTheContents() throws Exception {
        Path out = attack("hide-contents.pdf", pdf -> {
            PdfDictionary page = pdf.getPage(1).getPdfObject();
            page.put(PdfName.Contents, page.getAsArray(PdfName.Contents).get(0, false));
            page.setModified();
        });
        assertCaught(out, ChangeType.PAGE_CHANGED, d -> d.contains("/Contents") && d.contains("page 1")
                && d.contains("redefined in revision"));
    }

    @Test
    void hideTheOverlayByEmptyingItsStreamUnderTheSameObjectNumber() throws Exception {
        Path out = attack("hide-emptied.pdf", pdf -> {
            PdfStream overlay = (PdfStream) pdf.getPdfObject(shadow.overlayStream());
            overlay.setData(new byte[0]);
            overlay.setModified();
        });
        assertCaught(out, ChangeType.PAGE_CHANGED, d -> d.contains("/Contents[1] (stream data)")
                && d.contains("object " + shadow.overlayStream() + " 0, redefined in revision"));
    }

    @Test
    void hideTheOverlayAnnotationByRemovingIt() throws Exception {
        Path out = attack("hide-annotation.pdf", pdf -> {
            PdfDictionary page = pdf.getPage(1).getPdfObject();
            page.getAsArray(PdfName.Annots).remove(0);
            page.setModified();
        });
        assertCaught(out, ChangeType.ANNOTATION_REMOVED, d -> d.contains("object " + shadow.overlayAnnotation()));
    }

    @Test
    void hideTheOverlayAnnotationByMakingItHidden() throws Exception {
        Path out = attack("hide-annotation-flag.pdf", pdf -> {
            PdfDictionary annot = object(pdf, shadow.overlayAnnotation());
            annot.put(PdfName.F, new PdfNumber(2)); // Hidden
            annot.setModified();
        });
        assertCaught(out, ChangeType.ANNOTATION_CHANGED, d -> d.contains("/F")
                && d.contains("object " + shadow.overlayAnnotation() + " 0, redefined in revision"));
    }

    // replace: something present but unused at signing time is used after it

    @Test
    void replaceTheDrawnFormXObjectWithTheShadowOne() throws Exception {
        Path out = attack("replace-xobject.pdf", pdf -> {
            PdfDictionary xobjects = pdf.getPage(1).getResources().getResource(PdfName.XObject);
            PdfName name = xobjects.keySet().iterator().next();
            xobjects.put(name, pdf.getPdfObject(shadow.shadowForm()).getIndirectReference());
            pdf.getPage(1).getPdfObject().setModified();
            xobjects.setModified();
        });
        assertCaught(out, ChangeType.PAGE_CHANGED, d -> d.contains("/Resources") && d.contains("/XObject")
                && d.contains("to object " + shadow.shadowForm() + " 0, an object already present in the signed revision"));
    }

    @Test
    void replaceTheFontWithTheUnusedOne() throws Exception {
        Path out = attack("replace-font.pdf", pdf -> {
            PdfDictionary fonts = pdf.getPage(1).getResources().getResource(PdfName.Font);
            PdfName name = fonts.keySet().iterator().next();
            fonts.put(name, pdf.getPdfObject(shadow.unusedFont()).getIndirectReference());
            pdf.getPage(1).getPdfObject().setModified();
            fonts.setModified();
        });
        assertCaught(out, ChangeType.PAGE_CHANGED, d -> d.contains("/Resources") && d.contains("/Font")
                && d.contains("to object " + shadow.unusedFont() + " 0, an object already present in the signed revision"));
    }

    @Test
    void replaceTheFormFieldValueAndAppearanceByRedefiningTheFieldObject() throws Exception {
        Path out = attack("replace-field.pdf", pdf -> {
            PdfDictionary field = object(pdf, shadow.field());
            field.put(PdfName.V, new PdfString("不予受理", PdfEncodings.UNICODE_BIG));
            field.getAsDictionary(PdfName.AP).put(PdfName.N,
                    pdf.getPdfObject(shadow.shadowAppearance()).getIndirectReference());
            field.setModified();
        });
        VerificationReport report = assertCaught(out, ChangeType.FORM_FIELD_CHANGED,
                d -> d.contains("决定") && d.contains("object " + shadow.field() + " 0, redefined in revision"));
        assertTrue(changes(report).stream().anyMatch(c -> c.type() == ChangeType.ANNOTATION_CHANGED && !c.allowed()
                && c.description().contains("/AP/N") && c.description().contains("to object "
                + shadow.shadowAppearance() + " 0, an object already present in the signed revision")), changes(report).toString());
    }

    @Test
    void replaceByTellingViewersToRedrawTheFields() throws Exception {
        Path out = attack("replace-needappearances.pdf", pdf -> {
            PdfDictionary form = pdf.getCatalog().getPdfObject().getAsDictionary(PdfName.AcroForm);
            form.put(PdfName.NeedAppearances, com.itextpdf.kernel.pdf.PdfBoolean.TRUE);
            form.setModified();
            pdf.getCatalog().setModified();
        });
        assertCaught(out, ChangeType.FORM_FIELD_CHANGED, d -> d.contains("/NeedAppearances"));
    }

    // hide-and-replace: a whole shadow document is swapped in by a tiny update

    @Test
    void hideAndReplaceBySwappingThePageContents() throws Exception {
        Path out = attack("hide-and-replace-contents.pdf", pdf -> {
            PdfDictionary page = pdf.getPage(1).getPdfObject();
            page.put(PdfName.Contents, pdf.getPdfObject(shadow.shadowContent()).getIndirectReference());
            page.setModified();
        });
        assertCaught(out, ChangeType.PAGE_CHANGED, d -> d.contains("/Contents")
                && d.contains("object " + shadow.shadowContent() + " 0, an object already present in the signed revision"));
    }

    @Test
    void hideAndReplaceBySwappingThePageTree() throws Exception {
        // written by hand: iText's own writer would regenerate the page tree it knows and undo the swap
        Path out;
        try (PdfDocument pdf = new PdfDocument(new PdfReader(sealed.toFile()))) {
            PdfDictionary catalog = pdf.getCatalog().getPdfObject();
            PdfDictionary tree = object(pdf, shadow.shadowPages());
            PdfDictionary newCatalog = new PdfDictionary(catalog);
            newCatalog.put(PdfName.Pages, tree.getIndirectReference());
            // the seal's widget goes onto the shadow page 2 so that the seal still shows
            PdfDictionary shadowPage2 = tree.getAsArray(PdfName.Kids).getAsDictionary(1);
            PdfDictionary newPage2 = new PdfDictionary(shadowPage2);
            newPage2.put(PdfName.Annots, pdf.getPage(2).getPdfObject().get(PdfName.Annots, false));
            out = rawUpdate("hide-and-replace-pages.pdf", java.util.Map.of(
                    catalog.getIndirectReference().getObjNumber(), serialize(newCatalog),
                    shadowPage2.getIndirectReference().getObjNumber(), serialize(newPage2)));
        }
        VerificationReport report = assertCaught(out, ChangeType.PAGES_REPLACED,
                d -> d.contains("to object " + shadow.shadowPages() + " 0, an object already present in the signed"
                        + " revision"));
        assertTrue(changes(report).stream().anyMatch(c -> c.type() == ChangeType.PAGE_CHANGED
                && c.description().contains("page 1") && c.description().contains("page object swapped")),
                changes(report).toString());
    }

    /** Appends a hand-written incremental update (classic xref section) that redefines the given objects. */
    static Path rawUpdate(String name, java.util.Map<Integer, String> objects) throws Exception {
        byte[] original = Files.readAllBytes(sealed);
        int root;
        int size;
        long previous;
        try (PdfReader reader = new PdfReader(sealed.toFile()); PdfDocument pdf = new PdfDocument(reader)) {
            root = pdf.getCatalog().getPdfObject().getIndirectReference().getObjNumber();
            size = pdf.getTrailer().getAsNumber(PdfName.Size).intValue();
            previous = reader.getLastXref();
        }
        StringBuilder body = new StringBuilder("\n");
        StringBuilder xref = new StringBuilder("xref\n0 1\n0000000000 65535 f \n");
        for (var entry : new java.util.TreeMap<>(objects).entrySet()) {
            long offset = original.length + body.toString().getBytes(StandardCharsets.ISO_8859_1).length;
            body.append(entry.getKey()).append(" 0 obj\n").append(entry.getValue()).append("\nendobj\n");
            xref.append(entry.getKey()).append(" 1\n").append(String.format("%010d 00000 n \n", offset));
        }
        long xrefOffset = original.length + body.length();
        String update = body + xref.toString() + "trailer\n<< /Size " + size + " /Root " + root + " 0 R /Prev "
                + previous + " >>\nstartxref\n" + xrefOffset + "\n%%EOF\n";
        byte[] bytes = update.getBytes(StandardCharsets.ISO_8859_1);
        byte[] attacked = Arrays.copyOf(original, original.length + bytes.length);
        System.arraycopy(bytes, 0, attacked, original.length, bytes.length);
        return Files.write(dir.resolve(name), attacked);
    }

    /** PDF syntax of a direct object (names, numbers, references, arrays, dictionaries; strings as hex). */
    static String serialize(com.itextpdf.kernel.pdf.PdfObject o) {
        if (o == null) {
            return "null";
        }
        if (o.getIndirectReference() != null && !(o instanceof com.itextpdf.kernel.pdf.PdfIndirectReference)
                && o.isIndirect()) {
            return o.getIndirectReference().getObjNumber() + " " + o.getIndirectReference().getGenNumber() + " R";
        }
        if (o instanceof com.itextpdf.kernel.pdf.PdfIndirectReference r) {
            return r.getObjNumber() + " " + r.getGenNumber() + " R";
        }
        if (o instanceof PdfName n) {
            return "/" + n.getValue();
        }
        if (o instanceof PdfString str) {
            return "<" + java.util.HexFormat.of().formatHex(str.getValueBytes()) + ">";
        }
        if (o instanceof PdfArray array) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < array.size(); i++) {
                out.append(' ').append(serialize(array.get(i, false)));
            }
            return out.append(" ]").toString();
        }
        if (o instanceof PdfDictionary dict) {
            StringBuilder out = new StringBuilder("<<");
            for (PdfName key : dict.keySet()) {
                out.append(" /").append(key.getValue()).append(' ').append(serialize(dict.get(key, false)));
            }
            return out.append(" >>").toString();
        }
        return o.toString(); // numbers, booleans, null
    }

    @Test
    void hideAndReplaceWithAnUpdateOfOnlyAnXrefSection() throws Exception {
        // no new object at all: a cross-reference section maps the page's content object number to the offset of
        // the shadow content stream's definition. Either the parser refuses the mismatch (FORMAT_FAILURE) or the
        // changed content is seen (DISALLOWED_MODIFICATION); it must never pass.
        byte[] original = Files.readAllBytes(sealed);
        int pageContent;
        int root;
        int size;
        long previous;
        long shadowOffset;
        try (PdfReader reader = new PdfReader(sealed.toFile()); PdfDocument pdf = new PdfDocument(reader)) {
            pageContent = pdf.getPage(1).getContentStream(0).getIndirectReference().getObjNumber();
            root = pdf.getCatalog().getPdfObject().getIndirectReference().getObjNumber();
            size = pdf.getTrailer().getAsNumber(PdfName.Size).intValue();
            previous = reader.getLastXref();
            shadowOffset = pdf.getPdfObject(shadow.shadowContent()).getIndirectReference().getOffset();
        }
        assertTrue(shadowOffset > 0, "the shadow stream is a top-level object");
        String update = "xref\n0 1\n0000000000 65535 f \n" + pageContent + " 1\n"
                + String.format("%010d 00000 n \n", shadowOffset) + "trailer\n<< /Size " + size + " /Root " + root
                + " 0 R /Prev " + previous + " >>\nstartxref\n" + (original.length + 1) + "\n%%EOF\n";
        byte[] attacked = Arrays.copyOf(original, original.length + 1 + update.length());
        attacked[original.length] = '\n';
        System.arraycopy(update.getBytes(StandardCharsets.ISO_8859_1), 0, attacked, original.length + 1,
                update.length());
        Path out = Files.write(dir.resolve("xref-only.pdf"), attacked);
        VerificationReport report = PdfVerifier.verify(out, fixture.policy());
        assertNotEquals(org.onewindow.service.verify.Indication.TOTAL_PASSED, report.indication(), report.toString());
        assertTrue(report.subIndication().filter(s -> s == SubIndication.FORMAT_FAILURE
                || s == SubIndication.DISALLOWED_MODIFICATION).isPresent(), report.toString());
        assertFalse(report.summary().startsWith("文件完整"), report.summary());
        assertTrue(report.documentProblems().stream().anyMatch(p -> p.contains("object " + pageContent)),
                report.documentProblems().toString());
        // pdfsig agrees; EU DSS 6.3 does not: PDFBox repairs the cross-reference silently and DSS reports the
        // signature TOTAL_PASSED without any modification, so DSS is deliberately not consulted here
        String text = pdfsig(out);
        assertTrue(text.contains("Not total document signed"), text);
    }

    // ---- certification attacks (DocMDP) -------------------------------------------------------------------

    static Path certified(CertificationLevel level, String name) throws Exception {
        Path out = dir.resolve(name);
        new PdfSealer(fixture.context).seal(fixture.notice("cert-notice-" + name), out, approval,
                SealRequest.of(PadesLevel.B_T, new SealPlacement.Anchor("（盖章）"), "出件", "敦煌市行政服务中心")
                        .withCertification(level));
        return out;
    }

    @Test
    void evilAnnotationOnACertifiedDocumentThatAllowsOnlyFormFilling() throws Exception {
        Path base = certified(CertificationLevel.FORM_FILLING_AND_SIGNING, "p2.pdf");
        Path out = dir.resolve("p2-evil-annotation.pdf");
        try (PdfDocument pdf = new PdfDocument(new PdfReader(base.toFile()), new PdfWriter(out.toFile()),
                new StampingProperties().useAppendMode())) {
            // a FreeText annotation that paints new text over the page, as in the evil annotation attack
            com.itextpdf.kernel.pdf.annot.PdfFreeTextAnnotation text =
                    new com.itextpdf.kernel.pdf.annot.PdfFreeTextAnnotation(new Rectangle(72, 700, 300, 30),
                            new PdfString("本中心决定不予受理"));
            text.setDefaultAppearance(new PdfString("/Helv 14 Tf 1 0 0 rg"));
            text.setFlags(com.itextpdf.kernel.pdf.annot.PdfAnnotation.PRINT);
            pdf.getPage(1).addAnnotation(text);
        }
        assertCaught(out, ChangeType.ANNOTATION_ADDED, d -> d.contains("FreeText") && d.contains("page 1"));
    }

    @Test
    void evilAnnotationOnACertifiedDocumentThatAllowsNoChanges() throws Exception {
        Path base = certified(CertificationLevel.NO_CHANGES, "p1.pdf");
        Path out = dir.resolve("p1-evil-annotation.pdf");
        try (PdfDocument pdf = new PdfDocument(new PdfReader(base.toFile()), new PdfWriter(out.toFile()),
                new StampingProperties().useAppendMode())) {
            pdf.getPage(1).addAnnotation(new com.itextpdf.kernel.pdf.annot.PdfStampAnnotation(
                    new Rectangle(72, 700, 100, 50)).setStampName(new PdfName("Approved")));
        }
        assertCaught(out, ChangeType.ANNOTATION_ADDED, d -> d.contains("Stamp"));
    }

    @Test
    void sneakySignatureOnACertifiedDocumentThatAllowsFormFilling() throws Exception {
        // P=2 allows signing the signature fields that exist; a new field whose appearance the attacker chooses is
        // the sneaky signature attack, even when the added signature itself is valid
        Path base = certified(CertificationLevel.FORM_FILLING_AND_SIGNING, "p2-base.pdf");
        Path out = dir.resolve("p2-sneaky.pdf");
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair keys = generator.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=不予受理,O=某某");
        java.util.Date now = new java.util.Date();
        java.security.cert.X509Certificate attacker = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name,
                        java.math.BigInteger.TEN, now, new java.util.Date(now.getTime() + 86_400_000L), name,
                        keys.getPublic()).build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(
                        "SHA256withRSA").build(keys.getPrivate())));
        try (java.io.OutputStream stream = Files.newOutputStream(out)) {
            com.itextpdf.signatures.PdfSigner signer = new com.itextpdf.signatures.PdfSigner(
                    new PdfReader(base.toFile()), stream, new StampingProperties().useAppendMode());
            signer.setSignerProperties(new com.itextpdf.signatures.SignerProperties().setFieldName("Sneaky")
                    .setPageNumber(1).setPageRect(new Rectangle(72, 690, 300, 40)));
            signer.signDetached(new com.itextpdf.signatures.BouncyCastleDigest(),
                    new com.itextpdf.signatures.PrivateKeySignature(keys.getPrivate(), "SHA256",
                            org.bouncycastle.jce.provider.BouncyCastleProvider.PROVIDER_NAME),
                    new java.security.cert.Certificate[] {attacker}, null, null, null, 0,
                    com.itextpdf.signatures.PdfSigner.CryptoStandard.CADES);
        }
        VerificationReport report = assertCaught(out, ChangeType.SIGNATURE_FIELD_ADDED_OR_SIGNED,
                d -> d.contains("signature field added on page 1"));
        assertEquals(2, report.signatures().size());
    }

    // ---- checks -----------------------------------------------------------------------------------------

    static List<Change> changes(VerificationReport report) {
        return report.signatures().get(0).changesAfter();
    }

    /**
     * Not passed, DISALLOWED_MODIFICATION on the first signature, a not-allowed change of {@code type} whose
     * description satisfies {@code description}, the summary for people saying so; DSS and pdfsig agree.
     */
    static VerificationReport assertCaught(Path out, ChangeType type, Predicate<String> description) throws Exception {
        VerificationReport report = PdfVerifier.verify(out, fixture.policy());
        assertEquals(org.onewindow.service.verify.Indication.TOTAL_FAILED, report.indication(), report.toString());
        assertEquals(SubIndication.DISALLOWED_MODIFICATION, report.subIndication().orElseThrow(), report.toString());
        assertTrue(report.summary().startsWith("验证未通过"), report.summary());
        assertTrue(report.signatures().get(0).digestIntact(), "the signed bytes themselves are untouched");
        assertTrue(changes(report).stream().anyMatch(c -> c.type() == type && !c.allowed()
                && description.test(c.description())), changes(report).toString());
        assertTrue(report.signatures().get(0).errors().stream().anyMatch(e -> e.startsWith("after this signature")),
                report.signatures().get(0).errors().toString());
        assertOraclesDoNotPass(out);
        return report;
    }

    /**
     * pdfsig: the signature is cryptographically valid but does not cover the whole document. DSS: either not
     * TOTAL_PASSED, or it reports that the signed revision was modified (its PDF modification detection).
     */
    static void assertOraclesDoNotPass(Path out) throws Exception {
        String text = pdfsig(out);
        int second = text.indexOf("Signature #2");
        String first = second < 0 ? text : text.substring(0, second);
        assertTrue(first.contains("Not total document signed"), text);
        assertFalse(first.contains("Total document signed"), text);
        Reports reports = dss(out);
        String id = reports.getSimpleReport().getFirstSignatureId();
        Indication indication = reports.getSimpleReport().getIndication(id);
        SignatureWrapper signature = reports.getDiagnosticData().getSignatureById(id);
        boolean modificationReported = !signature.getPdfUndefinedChanges().isEmpty()
                || !signature.getPdfAnnotationChanges().isEmpty()
                || !signature.getPdfPageDifferenceConcernedPages().isEmpty()
                || !signature.getPdfVisualDifferenceConcernedPages().isEmpty()
                || !signature.getPdfAnnotationsOverlapConcernedPages().isEmpty()
                || !signature.getPdfSignatureOrFormFillChanges().isEmpty();
        assertTrue(indication != Indication.TOTAL_PASSED || modificationReported,
                "DSS passes " + out.getFileName() + " without reporting a modification");
    }

    static String pdfsig(Path pdf) throws Exception {
        return run("pdfsig", "-nssdir", "sql:" + nss, "-no-ocsp", pdf.toString());
    }

    static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(command[0] + " is missing: install the Debian package "
                    + (command[0].equals("certutil") ? "libnss3-tools" : "poppler-utils"), e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        return out;
    }

    static Reports dss(Path pdf) {
        PDFDocumentValidator validator = new PDFDocumentValidator(new FileDocument(pdf.toFile()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(fixture.root()));
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setCrlSource(null);
        verifier.setOcspSource(null);
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument();
    }
}
