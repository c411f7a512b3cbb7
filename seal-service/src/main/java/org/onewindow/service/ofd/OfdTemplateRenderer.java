package org.onewindow.service.ofd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.itextpdf.barcodes.BarcodeQRCode;
import com.itextpdf.barcodes.qrcode.EncodeHintType;
import com.itextpdf.barcodes.qrcode.ErrorCorrectionLevel;
import org.ofdrw.font.Font;
import org.ofdrw.layout.OFDDoc;
import org.ofdrw.layout.PageLayout;
import org.ofdrw.layout.VirtualPage;
import org.ofdrw.layout.element.Position;
import org.ofdrw.layout.element.canvas.Canvas;
import org.ofdrw.layout.element.canvas.DrawContext;
import org.ofdrw.layout.element.canvas.FontSetting;
import org.onewindow.templates.ChineseLineBreaking;
import org.onewindow.templates.ColumnSpec;
import org.onewindow.templates.FontConfig;
import org.onewindow.templates.FontConfigurationException;
import org.onewindow.templates.LayoutBlock;
import org.onewindow.templates.RenderRequest;
import org.onewindow.templates.ResolvedTemplate;
import org.onewindow.templates.SealSpec;
import org.onewindow.templates.TableSpec;
import org.onewindow.templates.TemplateDataException;
import org.onewindow.templates.TemplateDefinition;
import org.onewindow.templates.TemplateRenderer;

/**
 * Renders the center's templates to OFD (GB/T 33190) from the same template definitions and data as the PDF
 * renderer: A4, the GB/T 9704 margins and type sizes, Song (宋) body and titles, Kai (楷) subtitles, the issuing
 * organization and date at lower right with the seal position over them, and a QR code with the verification id in
 * every page footer. Every glyph is real text in an embedded TrueType font (ofdrw embeds the whole font file).
 *
 * <p>The layout is this class's own (text measured with the embedded fonts' advance widths, Chinese line-breaking
 * rules of {@link ChineseLineBreaking}); ofdrw's canvas writes the page content. The OFD has no form fields: the seal
 * positions are returned ({@link OfdDocument#sealFields()}) for {@link OfdSealer}.
 * Thread-safe; the fonts are read once.
 */
public final class OfdTemplateRenderer {
    static final double PAGE_W = 210;
    static final double PAGE_H = 297;
    static final double TOP = 37;
    static final double LEFT = 28;
    static final double RIGHT = 26;
    static final double BOTTOM = 35;
    static final double TEXT_W = PAGE_W - LEFT - RIGHT;
    static final double PT = 25.4 / 72;
    static final double BODY = 16 * PT;
    static final double TITLE = 22 * PT;
    /** 22 lines in the 225 mm high text block (GB/T 9704). */
    static final double LINE = 225.0 / 22;
    static final double QR = 18;

    private final TemplateRenderer templates;
    private final Path songFile;
    private final Path kaiFile;

    /**
     * @param templates the PDF renderer, for its catalog and request checking (the same rules for both formats)
     * @param fonts     the configured fonts; Song and Kai must be TrueType files (.ttf), as OFD embeds font files
     * @throws FontConfigurationException a font is missing or a collection (.ttc)
     */
    public OfdTemplateRenderer(TemplateRenderer templates, FontConfig fonts) {
        this.templates = templates;
        this.songFile = trueType(fonts.song().path(), "fonts-arphic-gbsn00lp");
        this.kaiFile = trueType(fonts.kai().path(), "fonts-arphic-gkai00mp");
    }

    private static Path trueType(Path file, String debianPackage) {
        if (!Files.isRegularFile(file)) {
            throw new FontConfigurationException("Font file " + file + " not found (install the Debian package "
                    + debianPackage + ")");
        }
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttf")) {
            throw new FontConfigurationException("OFD output needs a TrueType file (.ttf) for " + file
                    + ": OFD embeds whole font files, and a collection (.ttc) holds several faces");
        }
        return file;
    }

    /**
     * Renders one document.
     *
     * @throws org.onewindow.templates.TemplateNotFoundException unknown template id
     * @throws TemplateDataException                             the request does not fit, or a character is in
     *                                                           none of the OFD fonts
     */
    public OfdDocument render(String templateId, RenderRequest request) {
        ResolvedTemplate data = templates.resolve(templateId, request);
        Fonts fonts = new Fonts(new Font("AR PL SungtiL GB", "AR PL SungtiL GB", songFile),
                new Font("AR PL KaitiM GB", "AR PL KaitiM GB", kaiFile));
        Layout layout = new Layout(data, fonts);
        layout.run();
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
        try (OFDDoc doc = new OFDDoc(out)) {
            for (List<Op> page : layout.pages) {
                VirtualPage vp = new VirtualPage(PageLayout.A4());
                Canvas canvas = new Canvas(PAGE_W, PAGE_H);
                canvas.setPosition(Position.Absolute).setXY(0d, 0d);
                canvas.setDrawer(ctx -> {
                    for (Op op : page) {
                        op.draw(ctx);
                    }
                });
                vp.add(canvas);
                doc.addVPage(vp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the OFD failed", e);
        }
        return new OfdDocument(templateId, out.toByteArray(), layout.pages.size(), layout.seals,
                data.verificationId(), data.verifyUrl());
    }

    /** The template's sample data rendered to OFD. */
    public OfdDocument renderSample(String templateId, String publicUrl) {
        return render(templateId, templates.sampleRequest(templateId, publicUrl));
    }

    // ---- drawing operations ----------------------------------------------------------------------------------

    private interface Op {
        void draw(DrawContext ctx) throws IOException;
    }

    private record Text(String text, double x, double baseline, FontSetting font) implements Op {
        @Override
        public void draw(DrawContext ctx) throws IOException {
            ctx.setFont(font.clone());
            ctx.setFillColor(0, 0, 0);
            ctx.fillText(text, x, baseline);
        }
    }

    private record Box(double x, double y, double w, double h) implements Op {
        @Override
        public void draw(DrawContext ctx) {
            ctx.setStrokeColor(0, 0, 0);
            ctx.setLineWidth(0.25);
            ctx.strokeRect(x, y, w, h);
        }
    }

    /** {@code modules[row][col]}: dark modules of the QR code (quiet zone included). */
    private record QrCode(boolean[][] modules, double x, double y, double size) implements Op {
        @Override
        public void draw(DrawContext ctx) {
            int n = modules.length;
            double module = size / n;
            ctx.setFillColor(0, 0, 0);
            ctx.beginPath();
            for (int row = 0; row < n; row++) {
                for (int col = 0; col < n; col++) {
                    if (modules[row][col]) {
                        ctx.rect(x + col * module, y + row * module, module, module);
                    }
                }
            }
            ctx.fill();
        }
    }

    private record Fonts(Font song, Font kai) {
    }

    private enum Role { SONG, KAI, HEI }

    // ---- layout ------------------------------------------------------------------------------------------------

    /** One document's layout: a cursor that moves down the text block and opens pages as needed. */
    private static final class Layout {
        final ResolvedTemplate data;
        final TemplateDefinition d;
        final Fonts fonts;
        final List<List<Op>> pages = new ArrayList<>();
        final List<OfdDocument.SealField> seals = new ArrayList<>();
        double y;

        Layout(ResolvedTemplate data, Fonts fonts) {
            this.data = data;
            this.d = data.definition();
            this.fonts = fonts;
        }

        void run() {
            newPage();
            for (int i = 0; i < d.layout().size(); i++) {
                LayoutBlock block = d.layout().get(i);
                if (block.when() != null && data.value(block.when()).isEmpty()) {
                    continue;
                }
                block(block, "layout[" + i + "] (" + block.type() + ")");
            }
            seals.sort(java.util.Comparator.comparingInt(f -> sealOrder(f.name())));
            footers();
        }

        private int sealOrder(String name) {
            for (int i = 0; i < d.seals().size(); i++) {
                if (d.seals().get(i).name().equals(name)) {
                    return i;
                }
            }
            return Integer.MAX_VALUE;
        }

        List<Op> page() {
            return pages.get(pages.size() - 1);
        }

        void newPage() {
            pages.add(new ArrayList<>());
            y = TOP;
        }

        /** Makes room for {@code height} mm, opening a page when the text block has less left. */
        void need(double height) {
            if (y + height > PAGE_H - BOTTOM + 0.01 && y > TOP + 0.01) {
                newPage();
            }
        }

        FontSetting font(Role role, double size) {
            FontSetting f = new FontSetting(size, role == Role.KAI ? fonts.kai() : fonts.song());
            if (role == Role.HEI) {
                f.setBold();
            }
            return f;
        }

        double width(String text, FontSetting f) {
            double w = 0;
            for (int i = 0; i < text.length(); i++) {
                w += f.charWidth(text.charAt(i));
            }
            return w;
        }

        /** Checks every character against the role's font (the Kai font stands in for Song and back). */
        void checkGlyphs(String text, Role role, String source) {
            java.awt.Font primary = (role == Role.KAI ? fonts.kai() : fonts.song()).getFontObj();
            java.awt.Font other = (role == Role.KAI ? fonts.song() : fonts.kai()).getFontObj();
            text.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(cp -> {
                if (primary != null && !primary.canDisplay(cp) && (other == null || !other.canDisplay(cp))) {
                    throw new TemplateDataException(d.id(), source, "\"" + new String(Character.toChars(cp))
                            + "\" (U+" + String.format("%04X", cp) + ") in " + source + " is in none of the OFD fonts");
                }
            });
        }

        /** Greedy line breaking with the Chinese rules; {@code indent} applies to the first line only. */
        List<String> wrap(String text, FontSetting f, double width, double indent) {
            List<String> lines = new ArrayList<>();
            int start = 0;
            double used = indent;
            int i = 0;
            while (i < text.length()) {
                double w = f.charWidth(text.charAt(i));
                if (used + w > width + 0.01 && i > start) {
                    int cut = i;
                    // closing punctuation may not start a line, opening brackets may not end one
                    while (cut - 1 > start && (ChineseLineBreaking.isNoLineStart(text.charAt(cut))
                            || ChineseLineBreaking.isNoLineEnd(text.charAt(cut - 1)))) {
                        cut--;
                    }
                    // keep Latin words and numbers whole
                    int word = cut;
                    while (word - 1 > start && isWordChar(text.charAt(word)) && isWordChar(text.charAt(word - 1))) {
                        word--;
                    }
                    if (word > start && word != cut && isWordChar(text.charAt(word))) {
                        cut = word;
                    }
                    lines.add(text.substring(start, cut));
                    start = cut;
                    i = cut;
                    used = 0;
                    continue;
                }
                used += w;
                i++;
            }
            if (start < text.length() || lines.isEmpty()) {
                lines.add(text.substring(start));
            }
            return lines;
        }

        private static boolean isWordChar(char c) {
            return c < 0x80 && Character.isLetterOrDigit(c);
        }

        /** Writes a paragraph line by line, opening pages as needed; {@code indentChars} indents the first line. */
        void paragraph(String text, Role role, double size, String align, double indentChars, double leading,
                       String source) {
            checkGlyphs(text, role, source);
            FontSetting f = font(role, size);
            List<String> lines = wrap(text, f, TEXT_W, indentChars * size);
            for (int n = 0; n < lines.size(); n++) {
                need(leading);
                String line = lines.get(n);
                double indent = n == 0 ? indentChars * size : 0;
                double w = width(line, f);
                double x = switch (align) {
                    case "center" -> LEFT + (TEXT_W - w) / 2;
                    case "right" -> LEFT + TEXT_W - w;
                    default -> LEFT + indent;
                };
                page().add(new Text(line, x, baseline(y, leading, size), f));
                y += leading;
            }
        }

        /** Baseline of a line of {@code size} centred in a line box of height {@code leading} starting at {@code top}. */
        static double baseline(double top, double leading, double size) {
            return top + (leading - size) / 2 + size * 0.86;
        }

        void block(LayoutBlock b, String where) {
            double size = b.fontSize() == null ? BODY : b.fontSize() * PT;
            switch (b.type()) {
                case "title" -> {
                    double s = b.fontSize() == null ? TITLE : size;
                    for (String line : data.fill(b.text()).split("\n")) {
                        if (!line.isBlank()) {
                            paragraph(line.strip(), Role.HEI, s, "center", 0, s * 1.45, where);
                        }
                    }
                    y += LINE * 0.5;
                }
                case "subtitle" -> {
                    paragraph(data.fill(b.text()), Role.KAI, size, align(b, "center"), 0, LINE * size / BODY, where);
                    y += LINE * 0.3;
                }
                case "docNumber" -> {
                    String text = data.fill(b.text());
                    if (!text.isBlank()) {
                        paragraph(text, Role.SONG, size, align(b, "right"), 0, LINE * size / BODY, where);
                        y += LINE * 0.5;
                    }
                }
                case "salutation" -> paragraph(data.fill(b.text()), Role.SONG, size, align(b, "left"), 0,
                        LINE * size / BODY, where);
                case "paragraph", "heading", "note" -> {
                    Role role = "heading".equals(b.type()) ? Role.HEI : Role.SONG;
                    double s = "note".equals(b.type()) && b.fontSize() == null ? 14 * PT : size;
                    for (String line : data.fill(b.text()).split("\n")) {
                        if (!line.isBlank()) {
                            paragraph(line.strip(), role, s, align(b, "left"), 2, LINE * s / BODY, where);
                        }
                    }
                }
                case "table" -> table(b, where);
                case "fields" -> fields(b, where);
                case "issuer" -> issuer(b, where);
                case "signatures" -> signatures(b, where);
                case "spacer" -> y += b.heightMm() == null ? 5 : b.heightMm();
                default -> throw new IllegalStateException("unchecked block type " + b.type());
            }
        }

        private static String align(LayoutBlock b, String fallback) {
            return b.align() == null || "justify".equals(b.align()) ? fallback : b.align();
        }

        /** One row of cells (x, width, text lines, role, alignment); drawn with borders, never split. */
        private record Cell(double x, double w, List<String> lines, FontSetting font, String align) {
        }

        /** Height of a row: its tallest cell. */
        private double row(List<Cell> cells, double leading, double padding) {
            int most = cells.stream().mapToInt(c -> c.lines().size()).max().orElse(1);
            return most * leading + 2 * padding;
        }

        private void drawRow(List<Cell> cells, double leading, double padding, double height) {
            for (Cell c : cells) {
                page().add(new Box(c.x(), y, c.w(), height));
                double top = y + (height - c.lines().size() * leading) / 2;
                for (String line : c.lines()) {
                    double w = width(line, c.font());
                    double x = switch (c.align()) {
                        case "center" -> c.x() + (c.w() - w) / 2;
                        case "right" -> c.x() + c.w() - padding - w;
                        default -> c.x() + padding;
                    };
                    page().add(new Text(line, x, baseline(top, leading, c.font().getFontSize()), c.font()));
                    top += leading;
                }
            }
            y += height;
        }

        private Cell cell(double x, double w, String text, Role role, double size, String align, double padding,
                          String source) {
            checkGlyphs(text, role, source);
            FontSetting f = font(role, size);
            return new Cell(x, w, wrap(text, f, w - 2 * padding, 0), f, align);
        }

        void table(LayoutBlock b, String where) {
            TableSpec spec = d.table(b.table()).orElseThrow();
            double size = b.fontSize() == null ? 12 * PT : b.fontSize() * PT;
            double leading = size * 1.4;
            double padding = 3 * PT;
            double total = spec.columns().stream().mapToDouble(ColumnSpec::width).sum();
            double[] xs = new double[spec.columns().size() + 1];
            xs[0] = LEFT;
            for (int i = 0; i < spec.columns().size(); i++) {
                xs[i + 1] = xs[i] + TEXT_W * spec.columns().get(i).width() / total;
            }
            y += LINE * 0.25;
            List<Cell> header = new ArrayList<>();
            for (int i = 0; i < spec.columns().size(); i++) {
                header.add(cell(xs[i], xs[i + 1] - xs[i], spec.columns().get(i).label(), Role.HEI, size, "center",
                        padding, where));
            }
            double headerHeight = row(header, leading, padding);
            List<List<String>> rows = data.tables().get(spec.name());
            List<List<Cell>> body = new ArrayList<>();
            if (rows.isEmpty()) {
                body.add(List.of(cell(LEFT, TEXT_W, b.emptyText() == null ? "（无）" : data.fill(b.emptyText()),
                        Role.SONG, size, "center", padding, where)));
            }
            for (int r = 0; r < rows.size(); r++) {
                List<Cell> cells = new ArrayList<>();
                for (int c = 0; c < spec.columns().size(); c++) {
                    ColumnSpec column = spec.columns().get(c);
                    cells.add(cell(xs[c], xs[c + 1] - xs[c], rows.get(r).get(c), Role.SONG, size, column.align(),
                            padding, "tables." + spec.name() + "[" + r + "]." + column.name()));
                }
                body.add(cells);
            }
            need(headerHeight + (body.isEmpty() ? 0 : row(body.get(0), leading, padding)));
            drawRow(header, leading, padding, headerHeight);
            for (List<Cell> cells : body) {
                double height = row(cells, leading, padding);
                if (y + height > PAGE_H - BOTTOM) {
                    newPage();
                    drawRow(header, leading, padding, headerHeight); // the header again on the new page
                }
                drawRow(cells, leading, padding, height);
            }
            y += LINE * 0.5;
        }

        void fields(LayoutBlock b, String where) {
            double size = b.fontSize() == null ? 14 * PT : b.fontSize() * PT;
            double leading = size * 1.45;
            double padding = 4 * PT;
            int pairs = b.columns() == null ? 1 : Math.max(1, b.columns());
            double labelW = pairs == 1 ? 1 : 1.25;
            double valueW = pairs == 1 ? 3.2 : 1.9;
            double unit = TEXT_W / (pairs * (labelW + valueW));
            y += LINE * 0.25;
            List<Cell> current = new ArrayList<>();
            int used = 0;
            for (LayoutBlock.GridItem item : b.items()) {
                int span = item.span() == null ? 1 : Math.min(pairs, Math.max(1, item.span()));
                if (used + span > pairs) {
                    flushGrid(current, leading, padding, size);
                    current = new ArrayList<>();
                    used = 0;
                }
                double x = LEFT + used * (labelW + valueW) * unit;
                String label = item.label() == null ? data.labelOf(item.text()) : item.label();
                current.add(cell(x, labelW * unit, label, Role.HEI, size, "center", padding, where));
                double w = (span * (labelW + valueW) - labelW) * unit;
                current.add(cell(x + labelW * unit, w, data.fill(item.text()), Role.SONG, size, "left", padding, where));
                used += span;
            }
            if (!current.isEmpty()) {
                flushGrid(current, leading, padding, size);
            }
            y += LINE * 0.5;
        }

        private void flushGrid(List<Cell> cells, double leading, double padding, double size) {
            double height = Math.max(row(cells, leading, padding), size * 2.1);
            need(height);
            drawRow(cells, leading, padding, height);
        }

        /** Organization and date at lower right, the date 4 characters from the right; the seal over them. */
        void issuer(LayoutBlock b, String where) {
            String organization = data.fill(b.organization());
            String date = b.date() == null ? data.value("issuedAt") : data.fill(b.date());
            checkGlyphs(organization + date, Role.SONG, where);
            FontSetting f = font(Role.SONG, BODY);
            List<String> lines = new ArrayList<>();
            lines.add(organization);
            lines.add(date);
            double blockHeight = LINE * 2 + LINE * lines.size();
            need(blockHeight);
            y += LINE * 2;
            double top = y;
            if (b.coOrganization() != null) {
                String co = data.fill(b.coOrganization());
                checkGlyphs(co, Role.SONG, where);
                double half = TEXT_W / 2;
                centred(List.of(co), f, LEFT, half, top);
                seal(b.coSeal(), LEFT + half / 2, top);
                centred(lines, f, LEFT + half, half, top);
                seal(b.seal(), LEFT + half + half / 2, top);
            } else {
                double orgW = width(organization, f);
                double dateW = width(date, f);
                double boxW = Math.min(TEXT_W, Math.max(orgW, dateW) + 2 * PT);
                double dateCentreFromRight = 4 * BODY + dateW / 2;
                double rightGap = Math.max(0, Math.min(TEXT_W - boxW, dateCentreFromRight - boxW / 2));
                double boxX = LEFT + TEXT_W - rightGap - boxW;
                centred(lines, f, boxX, boxW, top);
                seal(b.seal(), boxX + boxW / 2, top);
            }
            y = top + LINE * lines.size();
        }

        private void centred(List<String> lines, FontSetting f, double x, double w, double top) {
            double lineTop = top;
            for (String line : lines) {
                if (!line.isBlank()) {
                    page().add(new Text(line, x + (w - width(line, f)) / 2, baseline(lineTop, LINE, BODY), f));
                }
                lineTop += LINE;
            }
        }

        /** The seal's centre sits a little above the middle of the first line (GB/T 9704). */
        private void seal(String sealName, double cx, double top) {
            if (sealName == null) {
                return;
            }
            SealSpec seal = d.seal(sealName).orElseThrow();
            double cy = top + LINE * 0.45;
            addSeal(seal, cx, cy);
        }

        private void addSeal(SealSpec seal, double cx, double cy) {
            double s = seal.sizeMm();
            seals.add(new OfdDocument.SealField(seal.name(), seal.label(), pages.size(), round(cx - s / 2),
                    round(cy - s / 2), s, s));
        }

        private static double round(double mm) {
            return Math.round(mm * 100) / 100.0;
        }

        /** Side-by-side boxes, each with a title, lines and a seal as tall as the box. */
        void signatures(LayoutBlock b, String where) {
            double size = b.fontSize() == null ? 14 * PT : b.fontSize() * PT;
            int n = b.boxes().size();
            if (n == 0) {
                return;
            }
            double w = TEXT_W / n;
            double padding = 6 * PT;
            double leading = size * 1.7;
            double height = 0;
            for (LayoutBlock.SignatureBox box : b.boxes()) {
                double h = 2 * padding + (box.title() == null ? 0 : leading) + box.lines().size() * leading;
                if (box.seal() != null) {
                    h = Math.max(h, 2 * padding + (box.title() == null ? 0 : leading)
                            + d.seal(box.seal()).orElseThrow().sizeMm() + 2);
                }
                height = Math.max(height, h);
            }
            y += LINE * 0.5;
            need(height);
            for (int i = 0; i < n; i++) {
                LayoutBlock.SignatureBox box = b.boxes().get(i);
                double x = LEFT + i * w;
                page().add(new Box(x, y, w, height));
                double top = y + padding;
                if (box.title() != null) {
                    String title = data.fill(box.title());
                    checkGlyphs(title, Role.HEI, where);
                    page().add(new Text(title, x + padding, baseline(top, leading, size), font(Role.HEI, size)));
                    top += leading;
                }
                double linesTop = top;
                for (String line : box.lines()) {
                    String text = data.fill(line);
                    checkGlyphs(text, Role.SONG, where);
                    page().add(new Text(text, x + padding, baseline(top, leading, size), font(Role.SONG, size)));
                    top += leading;
                }
                if (box.seal() != null) {
                    SealSpec seal = d.seal(box.seal()).orElseThrow();
                    addSeal(seal, x + w / 2, (linesTop + y + height) / 2);
                }
            }
            y += height;
        }

        void footers() {
            boolean[][] matrix = qr(data.verifyUrl());
            int count = pages.size();
            for (int n = 1; n <= count; n++) {
                List<Op> ops = pages.get(n - 1);
                double qrY = PAGE_H - 9 - QR;
                ops.add(new QrCode(matrix, LEFT, qrY, QR));
                double x = LEFT + QR + 3;
                FontSetting f9 = font(Role.SONG, 9 * PT);
                FontSetting f8 = font(Role.SONG, 8 * PT);
                ops.add(new Text("核验码：" + data.verificationId(), x, qrY + 4, f9));
                ops.add(new Text("扫描二维码或访问以下网址核验本文书：", x, qrY + 8.5, f8));
                ops.add(new Text(data.verifyUrl(), x, qrY + 12.5, f8));
                if (count > 1) {
                    String number = "— " + n + " —";
                    FontSetting f14 = font(Role.SONG, 14 * PT);
                    double w = width(number, f14);
                    ops.add(new Text(number, PAGE_W - RIGHT - BODY - w, PAGE_H - BOTTOM + 7 + 14 * PT, f14));
                }
            }
        }

        /** The QR code's modules, from iText's encoder (one pixel per module in its AWT image). */
        private static boolean[][] qr(String content) {
            BarcodeQRCode code = new BarcodeQRCode(content, Map.of(EncodeHintType.ERROR_CORRECTION,
                    ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8"));
            java.awt.Image awt = code.createAwtImage(java.awt.Color.BLACK, java.awt.Color.WHITE);
            int n = awt.getWidth(null);
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(n, awt.getHeight(null),
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            g.drawImage(awt, 0, 0, null);
            g.dispose();
            boolean[][] modules = new boolean[image.getHeight()][n];
            for (int row = 0; row < image.getHeight(); row++) {
                for (int col = 0; col < n; col++) {
                    modules[row][col] = (image.getRGB(col, row) & 0xff) < 128;
                }
            }
            return modules;
        }
    }
}
