package org.onewindow.templates;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Reads rendered PDFs back with PDFBox (an independent implementation from the iText that wrote them). */
final class PdfInspection {
    private PdfInspection() {
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Text of each page, lines as PDFBox finds them (sorted by position). */
    static List<String> lines(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc).lines().toList();
        }
    }

    static String withoutSpaces(String s) {
        return s.replaceAll("[\\s\\u00a0\\u3000]", "");
    }

    record Widget(String name, int page, double x, double y, double w, double h, boolean signed, boolean printable,
                  boolean hasAppearance) {
    }

    static List<Widget> signatureWidgets(byte[] pdf) throws IOException {
        List<Widget> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            if (form == null) {
                return out;
            }
            for (PDField field : form.getFieldTree()) {
                if (field instanceof PDSignatureField sig) {
                    for (PDAnnotationWidget widget : sig.getWidgets()) {
                        PDPage page = widget.getPage();
                        int pageIndex = page == null ? -1 : doc.getPages().indexOf(page) + 1;
                        var r = widget.getRectangle();
                        double k = 25.4 / 72;
                        out.add(new Widget(sig.getFullyQualifiedName(), pageIndex, r.getLowerLeftX() * k,
                                r.getLowerLeftY() * k, r.getWidth() * k, r.getHeight() * k,
                                sig.getCOSObject().containsKey(COSName.V), widget.isPrinted(),
                                widget.getAppearance() != null && widget.getAppearance().getNormalAppearance() != null));
                    }
                }
            }
        }
        return out;
    }

    /** Bounding box in mm (x, y from the bottom, w, h) of the last occurrence of a string on a page, or null. */
    static double[] locate(byte[] pdf, int page, String needle) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<TextPosition> positions = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    positions.add(text);
                }
            };
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            stripper.getText(doc);
            StringBuilder all = new StringBuilder();
            List<Integer> owner = new ArrayList<>();
            for (int i = 0; i < positions.size(); i++) {
                String u = positions.get(i).getUnicode();
                for (int j = 0; j < u.length(); j++) {
                    all.append(u.charAt(j));
                    owner.add(i);
                }
            }
            int at = all.lastIndexOf(needle);
            if (at < 0) {
                return null;
            }
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            float pageHeight = doc.getPage(page - 1).getMediaBox().getHeight();
            for (int i = at; i < at + needle.length(); i++) {
                TextPosition p = positions.get(owner.get(i));
                double x = p.getXDirAdj();
                double baseline = pageHeight - p.getYDirAdj();
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x + p.getWidthDirAdj());
                minY = Math.min(minY, baseline);
                maxY = Math.max(maxY, baseline + p.getHeightDir());
            }
            double k = 25.4 / 72;
            return new double[] {minX * k, minY * k, (maxX - minX) * k, (maxY - minY) * k};
        }
    }

    /** Union bounding box in mm of all text on a page whose baseline is above {@code minYmm}. */
    static double[] textBounds(byte[] pdf, int page, double minYmm) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            float pageHeight = doc.getPage(page - 1).getMediaBox().getHeight();
            double k = 25.4 / 72;
            double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition p) {
                    if (p.getUnicode().isBlank()) {
                        return;
                    }
                    double baseline = (pageHeight - p.getYDirAdj()) * k;
                    if (baseline < minYmm) {
                        return;
                    }
                    box[0] = Math.min(box[0], p.getXDirAdj() * k);
                    box[1] = Math.min(box[1], baseline);
                    box[2] = Math.max(box[2], (p.getXDirAdj() + p.getWidthDirAdj()) * k);
                    box[3] = Math.max(box[3], baseline + p.getHeightDir() * k);
                }
            };
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            stripper.getText(doc);
            return box;
        }
    }

    /** Content streams of the form XObjects used on a page (the QR code is one). */
    static List<byte[]> formXObjectStreams(byte[] pdf, int page) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var resources = doc.getPage(page - 1).getResources();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDFormXObject form) {
                    try (var in = form.getContentStream().createInputStream()) {
                        out.add(in.readAllBytes());
                    }
                }
            }
        }
        return out;
    }
}
