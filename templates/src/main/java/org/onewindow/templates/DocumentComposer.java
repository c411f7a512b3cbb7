package org.onewindow.templates;

import com.itextpdf.barcodes.BarcodeQRCode;
import com.itextpdf.barcodes.qrcode.EncodeHintType;
import com.itextpdf.barcodes.qrcode.ErrorCorrectionLevel;
import com.itextpdf.forms.PdfAcroForm;
import com.itextpdf.forms.fields.PdfFormAnnotation;
import com.itextpdf.forms.fields.PdfSignatureFormField;
import com.itextpdf.forms.fields.SignatureFormFieldBuilder;
import com.itextpdf.io.font.FontProgram;
import com.itextpdf.kernel.colors.ColorConstants;
import com.itextpdf.kernel.colors.DeviceRgb;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.CompressionConstants;
import com.itextpdf.kernel.pdf.PdfAConformance;
import com.itextpdf.kernel.pdf.PdfDate;
import com.itextpdf.kernel.pdf.PdfDocumentInfo;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfOutputIntent;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfVersion;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.kernel.pdf.annot.PdfAnnotation;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.kernel.pdf.xobject.PdfFormXObject;
import com.itextpdf.layout.Canvas;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.borders.Border;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Div;
import com.itextpdf.layout.element.IBlockElement;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.element.Text;
import com.itextpdf.layout.properties.HorizontalAlignment;
import com.itextpdf.layout.properties.TextAlignment;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.layout.properties.VerticalAlignment;
import com.itextpdf.pdfa.PdfADocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out one document following GB/T 9704 conventions: A4, margins top 37 mm, left 28 mm, right 26 mm,
 * bottom 35 mm; 2号 (22 pt) title, 3号 (16 pt) body on a 22-lines-per-page grid; the issuing organization and the
 * date at lower right with the seal over them; a QR code and the verification id in every page footer.
 */
final class DocumentComposer {
    static final float MM = (float) MmRect.PT_PER_MM;
    static final float MARGIN_TOP = 37 * MM;
    static final float MARGIN_RIGHT = 26 * MM;
    static final float MARGIN_BOTTOM = 35 * MM;
    static final float MARGIN_LEFT = 28 * MM;
    static final float BODY_SIZE = 16f;
    static final float TITLE_SIZE = 22f;
    /** 22 lines in the 225 mm high text block. */
    static final float LINE = 225 * MM / 22;
    static final float QR_SIZE = 18 * MM;
    static final float BODY_CHARACTER_SPACING = (156 * MM - 28 * BODY_SIZE) / 28 - 0.01f;
    private static final ChineseLineBreaking BREAKING = new ChineseLineBreaking();
    private static final DeviceRgb GREY = new DeviceRgb(90, 90, 90);

    private final FontLibrary fonts;
    private final byte[] iccProfile;

    record Composed(byte[] pdf, int pages, List<SealField> sealFields) {
    }

    /** Line spacing factors tried in turn when the signature block would open the last page (GB/T 9704 7.3.5). */
    private static final float[] TIGHTER = {1f, 0.93f, 0.86f};

    DocumentComposer(FontLibrary fonts, byte[] iccProfile) {
        this.fonts = fonts;
        this.iccProfile = iccProfile;
    }

    Composed compose(TemplateDefinition definition, ResolvedData data, byte[] documentId) {
        Attempt first = composeOnce(definition, data, documentId, TIGHTER[0]);
        if (!first.signatureOpensLastPage()) {
            return first.composed();
        }
        int pages = first.composed().pages();
        for (int i = 1; i < TIGHTER.length; i++) {
            // worth another layout only when little more than the signature block spilled over
            if (first.lastPageUsed() > 225 * MM * 0.3f) {
                break;
            }
            Attempt attempt = composeOnce(definition, data, documentId, TIGHTER[i]);
            if (attempt.composed().pages() < pages) {
                return attempt.composed();
            }
        }
        return first.composed();
    }

    /** One layout; {@code lastPageUsed}: points of the last page's text block taken, down to the signature's end. */
    private record Attempt(Composed composed, boolean signatureOpensLastPage, float lastPageUsed) {
    }

    private Attempt composeOnce(TemplateDefinition definition, ResolvedData data, byte[] documentId, float factor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
        WriterProperties properties = new WriterProperties()
                .setPdfVersion(PdfVersion.PDF_1_7)
                // most of the bytes are the embedded font subsets; the fastest deflate level costs ~10 % in size
                .setCompressionLevel(CompressionConstants.BEST_SPEED)
                .setInitialDocumentId(new PdfString(documentId).setHexWriting(true))
                .setModifiedDocumentId(new PdfString(documentId).setHexWriting(true));
        PdfADocument pdf = new StablePdfADocument(new PdfWriter(out, properties), PdfAConformance.PDF_A_2U,
                new PdfOutputIntent("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                        new ByteArrayInputStream(iccProfile)));
        Session session = new Session(definition, data, pdf, factor);
        List<SealField> seals = session.run();
        return new Attempt(new Composed(out.toByteArray(), session.pages, seals), session.signatureOpensLastPage(),
                PageSize.A4.getHeight() - MARGIN_TOP - session.issuerBottom);
    }

    /**
     * iText orders some objects (the fonts, when flushed) by a hash of their object reference that includes the
     * document's number in a JVM-wide sequence, so the same input could give a different object order in each
     * render. A constant number makes the order depend on the content only. The number is otherwise used to tell
     * documents apart when objects are copied between them, which this composer never does.
     */
    private static final class StablePdfADocument extends PdfADocument {
        StablePdfADocument(PdfWriter writer, PdfAConformance conformance, PdfOutputIntent outputIntent) {
            super(writer, conformance, outputIntent);
        }

        @Override
        public long getDocumentId() {
            return 0;
        }
    }

    /** State of one document being composed. */
    private final class Session {
        private final TemplateDefinition d;
        private final ResolvedData data;
        private final PdfADocument pdf;
        private final Map<FontFile, PdfFont> pdfFonts = new LinkedHashMap<>();
        private final Map<String, Anchor> anchors = new LinkedHashMap<>();
        private final float line;
        private int pages;
        private float issuerTop = -1;
        private float issuerBottom;
        private int issuerPage;

        private record Anchor(SealSpec seal, int page, Rectangle rect) {
        }

        Session(TemplateDefinition d, ResolvedData data, PdfADocument pdf, float factor) {
            this.d = d;
            this.data = data;
            this.pdf = pdf;
            this.line = LINE * factor;
        }

        /** Whether the signature block sits near the top of the last page of a multi-page document. */
        boolean signatureOpensLastPage() {
            float textTop = PageSize.A4.getHeight() - MARGIN_TOP;
            return pages > 1 && issuerPage == pages && issuerTop > textTop - LINE * 7;
        }

        List<SealField> run() {
            writeInfo();
            Document document = new Document(pdf, PageSize.A4, false);
            document.setMargins(MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
            document.setFont(font(fonts.chain(FontRole.SONG).get(0)));
            document.setFontSize(BODY_SIZE);
            document.setSplitCharacters(BREAKING);
            List<IBlockElement> elements = new ArrayList<>();
            for (int i = 0; i < d.layout().size(); i++) {
                LayoutBlock block = d.layout().get(i);
                if (block.when() != null && data.value(block.when()).isEmpty()) {
                    continue;
                }
                List<IBlockElement> made = elements(block, "layout[" + i + "] (" + block.type() + ")");
                if ("issuer".equals(block.type()) && !elements.isEmpty()
                        && elements.get(elements.size() - 1) instanceof Paragraph previous) {
                    previous.setKeepWithNext(true); // never a signature page without text (GB/T 9704 7.3.5)
                }
                elements.addAll(made);
            }
            elements.forEach(document::add);
            document.flush(); // lays out and draws everything; the seal anchors are known afterwards
            pages = pdf.getNumberOfPages();
            drawFooters();
            List<SealField> seals = addSealFields();
            // Closing writes the font subsets, reading glyph data through the font program's one shared file
            // reader; the programs are shared by every render of this renderer, so concurrent closes must take
            // turns (otherwise a subset can be read at another thread's file position: corrupt, not just different).
            synchronized (fonts) {
                document.close();
            }
            return seals;
        }

        private void writeInfo() {
            PdfDocumentInfo info = pdf.getDocumentInfo();
            info.setTitle(d.title());
            info.setSubject(d.title() + " " + data.verificationId());
            String issuer = data.values().getOrDefault("issuer", "");
            if (!issuer.isEmpty()) {
                info.setAuthor(issuer);
            }
            info.setCreator("onewindow templates (" + d.id() + ")");
            info.setKeywords("verificationId:" + data.verificationId());
            String date = new PdfDate(GregorianCalendar.from(data.issuedAt())).getPdfObject().getValue();
            info.setMoreInfo(PdfName.CreationDate.getValue(), date);
            info.setMoreInfo(PdfName.ModDate.getValue(), date);
            pdf.getCatalog().setLang(new PdfString("zh-CN"));
        }

        PdfFont font(FontFile file) {
            return pdfFonts.computeIfAbsent(file, f -> {
                FontProgram program = fonts.program(f);
                PdfFont font = PdfFontFactory.createFont(program, com.itextpdf.io.font.PdfEncodings.IDENTITY_H,
                        PdfFontFactory.EmbeddingStrategy.FORCE_EMBEDDED);
                // iText ends the subset's 'loca' table at the highest glyph used, while 'maxp' keeps the full glyph
                // count; strict readers (PDFBox) then reject the font as truncated. Keeping the last glyph in the
                // subset makes 'loca' full length.
                int last = program.countOfGlyphs() - 1;
                font.addSubsetRange(new int[] {last, last});
                return font;
            });
        }

        private String fill(String text) {
            return Placeholders.fill(text, data::value);
        }

        /** A paragraph of Chinese text with per-character font fallback and the Chinese line-breaking rule. */
        Paragraph paragraph(String text, FontRole role, float size, String source) {
            Paragraph p = new Paragraph();
            for (Text run : TextRuns.build(text, role, fonts, this::font, d.id(), source)) {
                run.setSplitCharacters(BREAKING);
                p.add(run);
            }
            p.setFont(font(fonts.chain(role).get(0)));
            p.setFontSize(size);
            p.setSplitCharacters(BREAKING);
            p.setMargin(0);
            p.setPadding(0);
            p.setFixedLeading(size * line / BODY_SIZE);
            if (size == BODY_SIZE) {
                // GB/T 9704: 28 characters per 156 mm line, i.e. 3号 characters set a little tighter than 16 pt
                p.setCharacterSpacing(BODY_CHARACTER_SPACING);
            }
            return p;
        }

        private TextAlignment alignment(String align, TextAlignment fallback) {
            if (align == null) {
                return fallback;
            }
            return switch (align) {
                case "left" -> TextAlignment.LEFT;
                case "center" -> TextAlignment.CENTER;
                case "right" -> TextAlignment.RIGHT;
                default -> TextAlignment.JUSTIFIED;
            };
        }

        private List<IBlockElement> elements(LayoutBlock b, String where) {
            float size = b.fontSize() == null ? BODY_SIZE : b.fontSize().floatValue();
            List<IBlockElement> out = new ArrayList<>();
            switch (b.type()) {
                case "title" -> {
                    float titleSize = b.fontSize() == null ? TITLE_SIZE : size;
                    Div title = new Div().setMarginBottom(line * 0.5f);
                    for (String textLine : fill(b.text()).split("\n")) {
                        if (!textLine.isBlank()) {
                            title.add(paragraph(textLine.strip(), FontRole.SONG, titleSize, where)
                                    .simulateBold().setTextAlignment(TextAlignment.CENTER)
                                    .setFixedLeading(titleSize * 1.45f * line / LINE));
                        }
                    }
                    out.add(title);
                }
                case "subtitle" -> out.add(paragraph(fill(b.text()), FontRole.KAI, size, where)
                        .setTextAlignment(alignment(b.align(), TextAlignment.CENTER)).setMarginBottom(line * 0.3f));
                case "docNumber" -> {
                    String text = fill(b.text());
                    if (!text.isBlank()) {
                        out.add(paragraph(text, FontRole.SONG, size, where)
                                .setTextAlignment(alignment(b.align(), TextAlignment.RIGHT)).setMarginBottom(line * 0.5f));
                    }
                }
                case "salutation" -> out.add(paragraph(fill(b.text()), FontRole.SONG, size, where)
                        .setTextAlignment(alignment(b.align(), TextAlignment.LEFT)));
                case "paragraph", "heading", "note" -> {
                    FontRole role = switch (b.type()) {
                        case "heading" -> FontRole.HEI;
                        default -> FontRole.SONG;
                    };
                    float s = "note".equals(b.type()) && b.fontSize() == null ? 14f : size;
                    for (String textLine : fill(b.text()).split("\n")) {
                        if (!textLine.isBlank()) {
                            out.add(paragraph(textLine.strip(), role, s, where).setFirstLineIndent(2 * s)
                                    .setTextAlignment(alignment(b.align(), "note".equals(b.type()) ? TextAlignment.LEFT : TextAlignment.JUSTIFIED)));
                        }
                    }
                }
                case "table" -> out.add(table(b, where));
                case "fields" -> out.add(fieldGrid(b, where));
                case "issuer" -> out.add(issuer(b, where));
                case "signatures" -> out.add(signatures(b, where));
                case "spacer" -> out.add(new Div().setHeight((b.heightMm() == null ? 5f : b.heightMm().floatValue()) * MM));
                default -> throw new IllegalStateException("unchecked block type " + b.type());
            }
            return out;
        }

        private IBlockElement table(LayoutBlock b, String where) {
            TableSpec spec = d.table(b.table()).orElseThrow();
            float size = b.fontSize() == null ? 12f : b.fontSize().floatValue();
            List<List<String>> rows = data.tables().get(spec.name());
            float[] widths = new float[spec.columns().size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = (float) spec.columns().get(i).width();
            }
            Table table = new Table(UnitValue.createPercentArray(widths)).useAllAvailableWidth();
            table.setMarginTop(line * 0.25f).setMarginBottom(line * 0.5f);
            for (ColumnSpec c : spec.columns()) {
                table.addHeaderCell(new Cell().setPadding(3).setVerticalAlignment(VerticalAlignment.MIDDLE)
                        .add(paragraph(c.label(), FontRole.HEI, size, where).setTextAlignment(TextAlignment.CENTER)
                                .setFixedLeading(size * 1.4f)));
            }
            if (rows.isEmpty()) {
                table.addCell(new Cell(1, widths.length).setPadding(3).add(paragraph(
                        b.emptyText() == null ? "（无）" : fill(b.emptyText()), FontRole.SONG, size, where)
                        .setTextAlignment(TextAlignment.CENTER).setFixedLeading(size * 1.4f)));
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < widths.length; c++) {
                    ColumnSpec column = spec.columns().get(c);
                    String source = "tables." + spec.name() + "[" + r + "]." + column.name();
                    table.addCell(new Cell().setPadding(3).setVerticalAlignment(VerticalAlignment.MIDDLE).setKeepTogether(true)
                            .add(paragraph(rows.get(r).get(c), FontRole.SONG, size, source)
                                    .setTextAlignment(alignment(column.align(), TextAlignment.LEFT))
                                    .setFixedLeading(size * 1.4f)));
                }
            }
            return table;
        }

        private IBlockElement fieldGrid(LayoutBlock b, String where) {
            float size = b.fontSize() == null ? 14f : b.fontSize().floatValue();
            int pairs = b.columns() == null ? 1 : Math.max(1, b.columns());
            float[] widths = new float[pairs * 2];
            for (int i = 0; i < pairs; i++) {
                widths[2 * i] = pairs == 1 ? 1f : 1.25f;
                widths[2 * i + 1] = pairs == 1 ? 3.2f : 1.9f;
            }
            Table grid = new Table(UnitValue.createPercentArray(widths)).useAllAvailableWidth();
            grid.setMarginTop(line * 0.25f).setMarginBottom(line * 0.5f);
            int used = 0;
            for (LayoutBlock.GridItem item : b.items()) {
                int span = item.span() == null ? 1 : Math.min(pairs, Math.max(1, item.span()));
                if (used + span > pairs) {
                    for (; used < pairs; used++) { // finish the row with empty pairs
                        grid.addCell(new Cell()).addCell(new Cell());
                    }
                    used = 0;
                }
                String label = item.label();
                if (label == null) {
                    List<String> names = Placeholders.names(item.text());
                    label = names.isEmpty() ? "" : d.field(names.get(0)).map(FieldSpec::label).orElse(names.get(0));
                }
                grid.addCell(new Cell().setPadding(4).setVerticalAlignment(VerticalAlignment.MIDDLE).setMinHeight(size * 2.1f * line / LINE)
                        .add(paragraph(label, FontRole.HEI, size, where).setTextAlignment(TextAlignment.CENTER)
                                .setFixedLeading(size * 1.45f)));
                String value = fill(item.text());
                grid.addCell(new Cell(1, span * 2 - 1).setPadding(4).setVerticalAlignment(VerticalAlignment.MIDDLE)
                        .add(paragraph(value, FontRole.SONG, size, where).setTextAlignment(TextAlignment.LEFT)
                                .setFixedLeading(size * 1.45f)));
                used += span;
                if (used == pairs) {
                    used = 0;
                }
            }
            for (; used > 0 && used < pairs; used++) {
                grid.addCell(new Cell()).addCell(new Cell());
            }
            return grid;
        }

        private float textWidth(String text, FontRole role, float size) {
            PdfFont primary = font(fonts.chain(role).get(0));
            float width = 0;
            for (int cp : text.codePoints().toArray()) {
                width += primary.containsGlyph(cp) ? primary.getWidth(cp, size) : size;
            }
            return width;
        }

        /** Organization and date at lower right; the date 4 characters from the right, the name centred over it. */
        private IBlockElement issuer(LayoutBlock b, String where) {
            String organization = fill(b.organization());
            String date = b.date() == null ? data.value("issuedAt") : fill(b.date());
            float available = PageSize.A4.getWidth() - MARGIN_LEFT - MARGIN_RIGHT;
            Div block = new Div().setKeepTogether(true);
            block.add(new Div().setHeight(line * 2));
            if (b.coOrganization() != null) {
                // joint issue: co-issuer on the left half, issuer and date on the right half, seals side by side
                Table row = new Table(UnitValue.createPercentArray(new float[] {1, 1})).useAllAvailableWidth();
                row.addCell(new Cell().setBorder(Border.NO_BORDER).setPadding(0)
                        .add(sealAnchor(List.of(fill(b.coOrganization())), b.coSeal(), available / 2, 0, where)));
                row.addCell(new Cell().setBorder(Border.NO_BORDER).setPadding(0)
                        .add(sealAnchor(List.of(organization, date), b.seal(), available / 2, 0, where)));
                block.add(row);
                return block;
            }
            float orgWidth = textWidth(organization, FontRole.SONG, BODY_SIZE);
            float dateWidth = textWidth(date, FontRole.SONG, BODY_SIZE);
            float boxWidth = Math.min(available, Math.max(orgWidth, dateWidth) + 2);
            float dateCentreFromRight = 4 * BODY_SIZE + dateWidth / 2;
            float rightGap = Math.max(0, Math.min(available - boxWidth, dateCentreFromRight - boxWidth / 2));
            block.add(sealAnchor(List.of(organization, date), b.seal(), boxWidth, rightGap, where));
            return block;
        }

        /**
         * Lines centred in a box of the given width, {@code rightGap} from the right edge of the available width,
         * with the seal's centre a little above the first line's middle (GB/T 9704: the name and date sit slightly
         * below the seal's centre).
         */
        private Div sealAnchor(List<String> lines, String sealName, float boxWidth, float rightGap, String where) {
            Div anchor = new Div();
            for (String textLine : lines) {
                if (!textLine.isBlank()) {
                    anchor.add(paragraph(textLine, FontRole.SONG, BODY_SIZE, where).setTextAlignment(TextAlignment.CENTER)
                            .setWidth(boxWidth).setHorizontalAlignment(HorizontalAlignment.RIGHT).setMarginRight(rightGap));
                }
            }
            SealSpec seal = sealName == null ? null : d.seal(sealName).orElseThrow();
            if (seal != null) {
                anchor.setNextRenderer(new SealAnchorRenderer(anchor, (page, box) -> {
                    float size = (float) seal.sizeMm() * MM;
                    float cx = box.getRight() - rightGap - boxWidth / 2;
                    float cy = box.getTop() - line * 0.45f;
                    issuerTop = Math.max(issuerTop, box.getTop());
                    issuerBottom = box.getBottom();
                    issuerPage = page;
                    anchors.put(seal.name(), new Anchor(seal, page, new Rectangle(cx - size / 2, cy - size / 2, size, size)));
                }));
            }
            return anchor;
        }

        /** Side-by-side boxes (e.g. handing over and receiving side), each with its own seal field. */
        private IBlockElement signatures(LayoutBlock b, String where) {
            float size = b.fontSize() == null ? 14f : b.fontSize().floatValue();
            Table table = new Table(UnitValue.createPercentArray(b.boxes().size())).useAllAvailableWidth();
            table.setMarginTop(line * 0.5f).setKeepTogether(true);
            for (LayoutBlock.SignatureBox box : b.boxes()) {
                Cell cell = new Cell().setPadding(6);
                if (box.title() != null) {
                    cell.add(paragraph(fill(box.title()), FontRole.HEI, size, where).setMarginBottom(4));
                }
                // the seal goes over the signer's lines, as on paper: the box is as tall as the seal
                Div anchor = new Div();
                for (String textLine : box.lines()) {
                    anchor.add(paragraph(fill(textLine), FontRole.SONG, size, where).setFixedLeading(size * 1.7f));
                }
                SealSpec seal = box.seal() == null ? null : d.seal(box.seal()).orElseThrow();
                if (seal != null) {
                    float sealSize = (float) seal.sizeMm() * MM;
                    anchor.setMinHeight(sealSize + 2 * MM);
                    anchor.add(paragraph("（签章）", FontRole.KAI, 10.5f, where).setFontColor(GREY)
                            .setTextAlignment(TextAlignment.RIGHT).setMarginTop(size));
                    anchor.setNextRenderer(new SealAnchorRenderer(anchor, (page, rect) -> {
                        float cx = rect.getX() + rect.getWidth() / 2;
                        float cy = rect.getY() + rect.getHeight() / 2;
                        anchors.put(seal.name(), new Anchor(seal, page,
                                new Rectangle(cx - sealSize / 2, cy - sealSize / 2, sealSize, sealSize)));
                    }));
                }
                cell.add(anchor);
                table.addCell(cell);
            }
            return table;
        }

        private void drawFooters() {
            BarcodeQRCode qr = new BarcodeQRCode(data.verifyUrl(), Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
            PdfFormXObject qrImage = qr.createFormXObject(ColorConstants.BLACK, pdf);
            for (int n = 1; n <= pages; n++) {
                PdfPage page = pdf.getPage(n);
                PdfCanvas canvas = new PdfCanvas(page.newContentStreamAfter(), page.getResources(), pdf);
                float qrY = 9 * MM;
                canvas.addXObjectFittedIntoRectangle(qrImage, new Rectangle(MARGIN_LEFT, qrY, QR_SIZE, QR_SIZE));
                Rectangle textBox = new Rectangle(MARGIN_LEFT + QR_SIZE + 3 * MM, qrY, 95 * MM, QR_SIZE);
                try (Canvas text = new Canvas(canvas, textBox)) {
                    text.setSplitCharacters(BREAKING);
                    text.add(paragraph("核验码：" + data.verificationId(), FontRole.SONG, 9, "footer")
                            .setFixedLeading(12));
                    text.add(paragraph("扫描二维码或访问以下网址核验本文书：", FontRole.SONG, 8, "footer")
                            .setFixedLeading(11));
                    text.add(paragraph(data.verifyUrl(), FontRole.SONG, 8, "footer").setFixedLeading(11));
                }
                if (pages > 1) {
                    // GB/T 9704 page number: 4号 (14 pt), "— n —", 7 mm below the text block, one character in
                    String number = "— " + n + " —";
                    float width = textWidth(number, FontRole.SONG, 14);
                    float x = PageSize.A4.getWidth() - MARGIN_RIGHT - BODY_SIZE - width;
                    try (Canvas pageNumber = new Canvas(canvas, new Rectangle(x, MARGIN_BOTTOM - 7 * MM - 16, width + 2, 16))) {
                        pageNumber.add(paragraph(number, FontRole.SONG, 14, "footer").setFixedLeading(14));
                    }
                }
                canvas.release();
            }
        }

        private List<SealField> addSealFields() {
            List<SealField> out = new ArrayList<>();
            if (d.seals().isEmpty()) {
                return out;
            }
            PdfAcroForm form = PdfAcroForm.getAcroForm(pdf, true);
            for (SealSpec seal : d.seals()) {
                Anchor anchor = anchors.get(seal.name());
                if (anchor == null) {
                    continue; // its block was left out by a "when" condition
                }
                Rectangle r = anchor.rect();
                PdfSignatureFormField field = new SignatureFormFieldBuilder(pdf, seal.name())
                        .setWidgetRectangle(r).setPage(anchor.page()).setConformance(pdf.getConformance())
                        .createSignature();
                field.setAlternativeName(seal.label());
                PdfFormAnnotation widget = field.getFirstFormAnnotation();
                // PDF/A: printable widget with a (here empty) normal appearance; the signer draws the seal later
                widget.getWidget().setFlags(PdfAnnotation.PRINT);
                PdfFormXObject empty = new PdfFormXObject(new Rectangle(0, 0, r.getWidth(), r.getHeight()));
                widget.getWidget().setNormalAppearance(empty.getPdfObject());
                form.addField(field, pdf.getPage(anchor.page()));
                out.add(new SealField(seal.name(), seal.label(), anchor.page(),
                        MmRect.ofPoints(r.getX(), r.getY(), r.getWidth(), r.getHeight())));
            }
            return out;
        }
    }
}
