package org.onewindow.service.sign;

import java.io.IOException;
import java.nio.file.Path;

import com.itextpdf.forms.PdfAcroForm;
import com.itextpdf.forms.fields.PdfSignatureFormField;
import com.itextpdf.forms.fields.SignatureFormFieldBuilder;
import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.AreaBreak;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.properties.TextAlignment;

/** Chinese notices made with iText for sealing tests. */
public final class SampleDocuments {
    static final String FONT = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";
    public static final String ANCHOR = "（盖章）";
    public static final String FIELD = "acceptanceSeal";

    private SampleDocuments() {
    }

    static PdfFont font(PdfDocument pdf) throws IOException {
        return PdfFontFactory.createFont(FONT, PdfEncodings.IDENTITY_H,
                PdfFontFactory.EmbeddingStrategy.PREFER_EMBEDDED, pdf);
    }

    /** An acceptance notice of {@code pages} pages; the last ends with the center's name, 「（盖章）」 and a date. */
    public static Path notice(Path file, int pages, boolean withField) throws IOException {
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(file.toFile()))) {
            write(pdf, pages, withField);
        }
        return file;
    }

    static void write(PdfDocument pdf, int pages, boolean withField) throws IOException {
        Document document = new Document(pdf, PageSize.A4);
        document.setFont(font(pdf)).setFontSize(12);
        for (int page = 1; page <= pages; page++) {
            if (page > 1) {
                document.add(new AreaBreak());
            }
            document.add(new Paragraph("受理通知书").setFontSize(22).setTextAlignment(TextAlignment.CENTER));
            document.add(new Paragraph("敦受字〔2026〕第" + (1000 + page) + "号"));
            for (int i = 0; i < 8; i++) {
                document.add(new Paragraph("申请人：张三。你（单位）于2026年11月25日提出的食品经营许可申请，"
                        + "材料齐全，符合法定形式，本中心决定予以受理。承诺办结时限为二十个工作日。第" + page
                        + "页第" + (i + 1) + "段。"));
            }
        }
        document.add(new Paragraph("敦煌市行政服务中心" + ANCHOR).setTextAlignment(TextAlignment.RIGHT)
                .setMarginTop(40));
        document.add(new Paragraph("2026年11月25日").setTextAlignment(TextAlignment.RIGHT));
        if (withField) {
            PdfSignatureFormField field = new SignatureFormFieldBuilder(pdf, FIELD)
                    .setWidgetRectangle(new Rectangle(90, 120, 120, 120)).setPage(pages).createSignature();
            // an empty appearance: PDF/A wants one on every annotation, unsigned fields included
            field.getWidgets().get(0).setNormalAppearance(
                    new PdfFormXObject(new Rectangle(120, 120)).makeIndirect(pdf).getPdfObject());
            field.getWidgets().get(0).setFlag(com.itextpdf.kernel.pdf.annot.PdfAnnotation.PRINT);
            PdfAcroForm.getAcroForm(pdf, true).addField(field, pdf.getPage(pages));
        }
        document.close();
    }
}
