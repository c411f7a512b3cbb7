package org.onewindow.service.verify;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import com.itextpdf.io.font.FontProgram;
import com.itextpdf.io.font.FontProgramFactory;
import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.colors.Color;
import com.itextpdf.kernel.colors.DeviceRgb;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.pdf.PdfAConformance;
import com.itextpdf.kernel.pdf.PdfDocumentInfo;
import com.itextpdf.kernel.pdf.PdfOutputIntent;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfVersion;
import com.itextpdf.kernel.pdf.PdfViewerPreferences;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.borders.SolidBorder;
import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.font.FontProvider;
import com.itextpdf.layout.font.FontSet;
import com.itextpdf.layout.properties.UnitValue;
import com.itextpdf.pdfa.PdfADocument;

import org.onewindow.service.verify.VerificationReport.CertificateInfo;
import org.onewindow.service.verify.VerificationReport.Change;
import org.onewindow.service.verify.VerificationReport.ChangeType;
import org.onewindow.service.verify.VerificationReport.Kind;
import org.onewindow.service.verify.VerificationReport.RevocationCheck;
import org.onewindow.service.verify.VerificationReport.SignatureReport;
import org.onewindow.service.verify.VerificationReport.TimeStampInfo;
import org.onewindow.service.web.Html;
import org.onewindow.templates.FontConfig;
import org.onewindow.templates.FontConfigurationException;
import org.onewindow.templates.FontFile;

/**
 * The verification report for people: one content model ({@link Content}) written as self-contained Chinese HTML
 * (inline CSS, no scripts, no external assets) or as a PDF/A-2u with the configured CJK fonts embedded. Used by
 * {@code POST /api/verify?format=html|pdf}, {@code onewindow verify --report} and the public /verify page.
 * Thread-safe: the font programs are parsed once, on the first PDF, and shared.
 */
public final class VerificationReportRenderer {
    /** Looks up the registry seal of a signing certificate; {@link #NO_REGISTRY} when none is at hand. */
    public interface SealLookup extends Function<CertificateInfo, Optional<String>> {
    }

    /** For callers without a seal registry (the CLI): the report says that it was not looked up. */
    public static final SealLookup NO_REGISTRY = cert -> Optional.empty();

    public static final String HTML_TYPE = "text/html; charset=utf-8";
    public static final String PDF_TYPE = "application/pdf";

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss")
            .withZone(CHINA);

    private final FontConfig fonts;
    private final Clock clock;
    private volatile List<FontProgram> programs;

    public VerificationReportRenderer(FontConfig fonts, Clock clock) {
        this.fonts = Objects.requireNonNull(fonts, "fonts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Output formats of the report. */
    public enum Format {
        JSON, HTML, PDF;

        /** {@code html}, {@code pdf}, {@code json} (case-insensitive); empty for anything else. */
        public static Optional<Format> parse(String name) {
            if (name == null) {
                return Optional.empty();
            }
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "html", "htm" -> Optional.of(HTML);
                case "pdf" -> Optional.of(PDF);
                case "json" -> Optional.of(JSON);
                default -> Optional.empty();
            };
        }
    }

    // ---- the content, shared by both outputs ----------------------------------------------------------------

    enum Tone { NORMAL, GOOD, BAD, WARN }

    record Row(String label, String value, Tone tone) {
        Row(String label, String value) {
            this(label, value, Tone.NORMAL);
        }
    }

    record Section(String title, Tone tone, List<Row> rows, List<Row> changes, List<String> details) {
    }

    record Content(String title, String verdict, Tone tone, String summary, List<Row> file, List<Section> sections,
                   List<String> documentProblems, String footer) {
    }

    Content content(VerificationReport report, SealLookup seals, String fileName) {
        Tone tone = switch (report.indication()) {
            case TOTAL_PASSED -> Tone.GOOD;
            case TOTAL_FAILED -> Tone.BAD;
            case INDETERMINATE -> Tone.WARN;
        };
        String verdict = indication(report.indication()) + report.subIndication()
                .map(s -> "：" + Verdicts.reason(s) + "（" + s + "）").orElse("");
        List<Row> file = new ArrayList<>();
        if (fileName != null && !fileName.isBlank()) {
            file.add(new Row("文件名", fileName));
        }
        file.add(new Row("文件 SHA-256", report.sha256()));
        file.add(new Row("文件大小", String.format(Locale.ROOT, "%,d 字节", report.fileBytes())));
        file.add(new Row("修订版本数", Integer.toString(report.revisions())));
        long signatures = report.signatures().stream().filter(s -> s.kind() == Kind.SIGNATURE).count();
        long stamps = report.signatures().size() - signatures;
        file.add(new Row("签章数", signatures + " 个签章" + (stamps > 0 ? "，" + stamps + " 个文档时间戳" : "")));
        List<Section> sections = new ArrayList<>();
        int n = 0;
        for (SignatureReport s : report.signatures()) {
            n++;
            sections.add(section(n, s, seals, report.revisions()));
        }
        String footer = "本报告由 onewindow 电子签章验证服务于 " + TIME.format(clock.instant()) + "（北京时间）生成，"
                + "结论按 ETSI EN 319 102-1 给出。报告本身不是签章文件，以对原始 PDF 文件的验证为准；"
                + "可用上面的 SHA-256 核对所验证的文件。";
        return new Content("电子签章验证报告", verdict, tone, report.summary(), file, sections,
                report.documentProblems(), footer);
    }

    private Section section(int n, SignatureReport s, SealLookup seals, int revisions) {
        boolean signature = s.kind() == Kind.SIGNATURE;
        Tone tone = switch (s.indication()) {
            case TOTAL_PASSED -> Tone.GOOD;
            case TOTAL_FAILED -> Tone.BAD;
            case INDETERMINATE -> Tone.WARN;
        };
        String title = "第 " + n + " 项：" + (signature ? "电子签章" : "文档时间戳") + "「"
                + s.signerSubject().orElse(s.fieldName()) + "」";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("结论", indication(s.indication()) + s.subIndication()
                .map(x -> "：" + Verdicts.reason(x) + "（" + x + "）").orElse(""), tone));
        rows.add(new Row("签名域", s.fieldName()));
        if (signature) {
            rows.add(new Row("签章人", s.signerSubject().orElse("—")));
            rows.add(new Row("单位", s.signerOrganization().orElse("—")));
            rows.add(new Row("本中心登记的印章", s.signingCertificate().map(c -> seals == NO_REGISTRY
                    ? "未查询（离线验证，无印章登记库）"
                    : seals.apply(c).orElse("无：不是本中心登记的印章")).orElse("—")));
            rows.add(new Row("声称的盖章时间", s.claimedSigningTime().map(t -> TIME.format(t) + "（由签章人电脑给出，未经证明）")
                    .orElse("—")));
        }
        rows.add(new Row(signature ? "时间戳" : "时间戳时间", s.timeStamp().map(VerificationReportRenderer::timeStamp)
                .orElse(signature ? "无（盖章时间未经第三方证明）" : "—"),
                s.timeStamp().map(t -> t.valid() ? Tone.NORMAL : Tone.BAD).orElse(Tone.NORMAL)));
        if (signature) {
            rows.add(new Row("PAdES 级别", s.padesLevel().orElse("—（未通过验证时不给出）")));
            rows.add(new Row("签名完整性", !s.digestIntact() ? "签名所覆盖的内容已被改动（摘要不符）"
                    : s.signatureValueValid() ? "所覆盖内容未被改动，签名值有效" : "签名值无效",
                    s.digestIntact() && s.signatureValueValid() ? Tone.GOOD : Tone.BAD));
            rows.add(new Row("证书链", s.chainTrusted() ? "可信：链接到受信任的根证书" : "不可信或无法建立",
                    s.chainTrusted() ? Tone.GOOD : Tone.BAD));
            rows.add(revocation(s.revocation()));
            s.signingCertificate().ifPresent(c -> {
                rows.add(new Row("签章证书", c.subject()));
                rows.add(new Row("颁发者", c.issuer()));
                rows.add(new Row("证书序列号", c.serialHex()));
                rows.add(new Row("证书有效期", TIME.format(c.notBefore()) + " 至 " + TIME.format(c.notAfter())));
                rows.add(new Row("证书 SHA-256", c.sha256()));
            });
        }
        rows.add(new Row("覆盖范围", s.coversWholeFile() ? "覆盖整个文件（其后没有任何修改）"
                : s.byteRange().isEmpty() ? "无法确定（签名结构无效）"
                : "覆盖到第 " + s.revision() + " 版（文件共 " + revisions + " 版），其后的修改见下",
                s.coversWholeFile() ? Tone.GOOD : Tone.NORMAL));
        List<Row> changes = new ArrayList<>();
        for (Change change : s.changesAfter()) {
            changes.add(new Row(changeType(change.type()) + (change.allowed() ? "（允许）" : "（不允许）"),
                    change.description(), change.allowed() ? Tone.NORMAL : Tone.BAD));
        }
        List<String> details = new ArrayList<>();
        s.errors().forEach(e -> details.add("错误：" + e));
        s.warnings().forEach(w -> details.add("提示：" + w));
        return new Section(title, tone, rows, changes, details);
    }

    private static String timeStamp(TimeStampInfo t) {
        return TIME.format(t.time()) + (t.valid() ? "（可信时间戳，" : "（无效的时间戳，") + "时间戳机构："
                + t.tsaSubject() + "）";
    }

    private static Row revocation(RevocationCheck r) {
        String from = r.source().map(VerificationReportRenderer::source).map(x -> "；来源：" + x).orElse("");
        return switch (r.status()) {
            case GOOD -> new Row("吊销状态", "未吊销" + from, Tone.GOOD);
            case REVOKED -> new Row("吊销状态", "已吊销" + r.revokedAt().map(t -> "，吊销时间 " + TIME.format(t))
                    .orElse("") + from, Tone.BAD);
            case NO_DATA -> new Row("吊销状态", "无法确认：文件中没有吊销信息" + (r.notes().stream()
                    .anyMatch(n -> n.contains("could not be fetched")) ? "，在线查询也未成功" : "，未做在线查询")
                    + from, Tone.WARN);
            case NOT_CHECKED -> new Row("吊销状态", "未检查（签名本身已无效或无可信证书链）");
        };
    }

    /** Where a revocation status came from, in Chinese. */
    static String source(String source) {
        if (source.startsWith("embedded DSS OCSP")) {
            return "文件内嵌的 OCSP 响应";
        }
        if (source.startsWith("embedded")) {
            return "文件内嵌的证书吊销列表（CRL）";
        }
        if (source.startsWith("online OCSP ")) {
            return "在线 OCSP 查询（" + source.substring("online OCSP ".length()) + "）";
        }
        if (source.startsWith("online CRL ")) {
            return "在线下载的证书吊销列表（" + source.substring("online CRL ".length()) + "）";
        }
        return source;
    }

    static String indication(Indication indication) {
        return switch (indication) {
            case TOTAL_PASSED -> "通过（TOTAL_PASSED）";
            case TOTAL_FAILED -> "未通过（TOTAL_FAILED）";
            case INDETERMINATE -> "无法确定（INDETERMINATE）";
        };
    }

    static String changeType(ChangeType type) {
        return switch (type) {
            case PAGES_ADDED_OR_REMOVED -> "页数变化";
            case PAGES_REPLACED -> "整个页面树被替换";
            case PAGE_CHANGED -> "页面内容或资源变化";
            case ANNOTATION_ADDED -> "新增批注";
            case ANNOTATION_CHANGED -> "批注被修改";
            case ANNOTATION_REMOVED -> "批注被删除";
            case SIGNATURE_FIELD_ADDED_OR_SIGNED -> "新增签章或签名域";
            case FORM_FIELD_CHANGED -> "表单变化";
            case CATALOG_CHANGED -> "文档目录项变化";
            case DSS_ADDED_OR_CHANGED -> "补充长期验证数据（DSS）";
        };
    }

    // ---- HTML -----------------------------------------------------------------------------------------------

    /** Self-contained Chinese HTML: inline CSS, no scripts, no external references; every value is escaped. */
    public String html(VerificationReport report, SealLookup seals, String fileName) {
        Content c = content(report, seals, fileName);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(c.title())).append("</title><style>")
                .append("body{font-family:\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",\"WenQuanYi Zen Hei\",")
                .append("sans-serif;margin:0;padding:1rem;color:#222;background:#f6f7f9;line-height:1.6}")
                .append("main{max-width:52rem;margin:0 auto;background:#fff;padding:1.25rem 1.5rem;border-radius:8px}")
                .append("h1{font-size:1.5rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem;")
                .append("padding-left:.5rem;border-left:4px solid #888}h2.GOOD{border-color:#2e7d32}")
                .append("h2.BAD{border-color:#c62828}h2.WARN{border-color:#ef6c00}")
                .append(".verdict{padding:.75rem 1rem;border-radius:6px;font-weight:bold;font-size:1.1rem}")
                .append(".verdict.GOOD{background:#e8f5e9;color:#1b5e20}.verdict.BAD{background:#ffebee;color:#b71c1c}")
                .append(".verdict.WARN{background:#fff3e0;color:#e65100}table{border-collapse:collapse;width:100%}")
                .append("th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}")
                .append("th{width:11rem;background:#fafafa;font-weight:normal;color:#555}td{word-break:break-all}")
                .append("td.GOOD{color:#1b5e20}td.BAD{color:#b71c1c}td.WARN{color:#e65100}")
                .append("ul.details{font-size:.85rem;color:#555}footer{margin-top:1.5rem;font-size:.85rem;color:#666}")
                .append("@media print{body{background:#fff;padding:0}main{padding:0}}")
                .append("</style></head><body><main>");
        h.append("<h1>").append(esc(c.title())).append("</h1>");
        h.append("<p class=\"verdict ").append(c.tone()).append("\">验证结论：").append(esc(c.verdict())).append("</p>");
        h.append("<p>").append(esc(c.summary())).append("</p>");
        h.append("<h2>文件</h2>");
        table(h, c.file());
        if (!c.documentProblems().isEmpty()) {
            h.append("<h2 class=\"BAD\">文件结构问题</h2><ul>");
            c.documentProblems().forEach(p -> h.append("<li>").append(esc(p)).append("</li>"));
            h.append("</ul>");
        }
        for (Section s : c.sections()) {
            h.append("<h2 class=\"").append(s.tone()).append("\">").append(esc(s.title())).append("</h2>");
            table(h, s.rows());
            if (!s.changes().isEmpty()) {
                h.append("<h3>签章后的修改</h3>");
                table(h, s.changes());
            }
            if (!s.details().isEmpty()) {
                h.append("<ul class=\"details\">");
                s.details().forEach(d -> h.append("<li>").append(esc(d)).append("</li>"));
                h.append("</ul>");
            }
        }
        h.append("<footer>").append(esc(c.footer())).append("</footer></main></body></html>");
        return h.toString();
    }

    private static void table(StringBuilder h, List<Row> rows) {
        h.append("<table>");
        for (Row r : rows) {
            h.append("<tr><th>").append(esc(r.label())).append("</th><td")
                    .append(r.tone() == Tone.NORMAL ? "" : " class=\"" + r.tone() + "\"").append(">")
                    .append(esc(r.value())).append("</td></tr>");
        }
        h.append("</table>");
    }

    static String esc(String text) {
        return Html.escape(text);
    }

    // ---- PDF ------------------------------------------------------------------------------------------------

    private static final Color GREEN = new DeviceRgb(0x1b, 0x5e, 0x20);
    private static final Color RED = new DeviceRgb(0xb7, 0x1c, 0x1c);
    private static final Color ORANGE = new DeviceRgb(0xe6, 0x51, 0x00);
    private static final Color GREY = new DeviceRgb(0x55, 0x55, 0x55);
    private static final Color LIGHT = new DeviceRgb(0xfa, 0xfa, 0xfa);
    private static final Color LINE = new DeviceRgb(0xdd, 0xdd, 0xdd);

    /**
     * A PDF/A-2u report with the configured CJK fonts (song for text, hei for headings, the fallbacks for rare
     * characters) embedded as subsets.
     *
     * @throws FontConfigurationException a configured font file is missing or unreadable
     */
    public byte[] pdf(VerificationReport report, SealLookup seals, String fileName) {
        Content c = content(report, seals, fileName);
        List<FontProgram> loaded = programs();
        FontSet set = new FontSet();
        List<String> body = new ArrayList<>();
        List<String> heading = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            String alias = "f" + i;
            set.addFont(loaded.get(i), PdfEncodings.IDENTITY_H, alias);
            if (i != 1) {
                body.add(alias);
            }
        }
        heading.add("f1");
        heading.addAll(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 * 1024);
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        WriterProperties properties = new WriterProperties().setPdfVersion(PdfVersion.PDF_1_7);
        try (PdfADocument pdf = new PdfADocument(new PdfWriter(out, properties), PdfAConformance.PDF_A_2U,
                new PdfOutputIntent("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                        new ByteArrayInputStream(icc)));
             Document doc = new Document(pdf, PageSize.A4)) {
            pdf.getCatalog().setLang(new PdfString("zh-CN"));
            pdf.getCatalog().setViewerPreferences(new PdfViewerPreferences().setDisplayDocTitle(true));
            PdfDocumentInfo info = pdf.getDocumentInfo();
            info.setTitle(c.title() + " " + report.sha256().substring(0, 16));
            info.setSubject("SHA-256 " + report.sha256());
            info.setCreator("onewindow");
            doc.setMargins(48, 48, 48, 48);
            doc.setFontProvider(new FontProvider(set, "f0"));
            doc.setFontFamily(body.toArray(String[]::new));
            doc.setFontSize(10);
            doc.add(new Paragraph(c.title()).setFontFamily(heading.toArray(String[]::new)).setFontSize(18)
                    .setMarginBottom(8));
            doc.add(new Paragraph("验证结论：" + c.verdict()).setFontFamily(heading.toArray(String[]::new))
                    .setFontSize(12).setFontColor(color(c.tone())).setBackgroundColor(background(c.tone()))
                    .setPadding(6));
            doc.add(new Paragraph(c.summary()).setMarginBottom(6));
            heading(doc, "文件", Tone.NORMAL, heading);
            doc.add(table(c.file()));
            if (!c.documentProblems().isEmpty()) {
                heading(doc, "文件结构问题", Tone.BAD, heading);
                c.documentProblems().forEach(p -> doc.add(new Paragraph("• " + p).setFontColor(RED)));
            }
            for (Section s : c.sections()) {
                heading(doc, s.title(), s.tone(), heading);
                doc.add(table(s.rows()));
                if (!s.changes().isEmpty()) {
                    doc.add(new Paragraph("签章后的修改").setFontFamily(heading.toArray(String[]::new))
                            .setMarginTop(6));
                    doc.add(table(s.changes()));
                }
                for (String d : s.details()) {
                    doc.add(new Paragraph(d).setFontSize(8).setFontColor(GREY).setMargin(0));
                }
            }
            doc.add(new Paragraph(c.footer()).setFontSize(8).setFontColor(GREY).setMarginTop(16));
        }
        return out.toByteArray();
    }

    private static void heading(Document doc, String text, Tone tone, List<String> fonts) {
        doc.add(new Paragraph(text).setFontFamily(fonts.toArray(String[]::new)).setFontSize(12).setMarginTop(12)
                .setMarginBottom(4).setPaddingLeft(6).setBorderLeft(new SolidBorder(tone == Tone.NORMAL ? GREY
                        : color(tone), 3)));
    }

    private static Table table(List<Row> rows) {
        Table table = new Table(UnitValue.createPercentArray(new float[] {26, 74})).useAllAvailableWidth();
        for (Row r : rows) {
            table.addCell(new Cell().add(new Paragraph(r.label()).setFontColor(GREY)).setBackgroundColor(LIGHT)
                    .setBorder(new SolidBorder(LINE, 0.5f)).setPadding(3));
            Paragraph value = new Paragraph(breakable(r.value()));
            if (r.tone() != Tone.NORMAL) {
                value.setFontColor(color(r.tone()));
            }
            table.addCell(new Cell().add(value).setBorder(new SolidBorder(LINE, 0.5f)).setPadding(3));
        }
        return table;
    }

    /** Long hex strings and URLs get break opportunities (zero-width spaces are not used: not every font has them). */
    private static String breakable(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            out.append(ch);
            run = Character.isWhitespace(ch) || ch >= 0x80 ? 0 : run + 1; // CJK text breaks anywhere anyway
            if (run >= 32 && ch < 0x80) {
                out.append(' ');
                run = 0;
            }
        }
        return out.toString();
    }

    private static Color color(Tone tone) {
        return switch (tone) {
            case GOOD -> GREEN;
            case BAD -> RED;
            case WARN -> ORANGE;
            case NORMAL -> GREY;
        };
    }

    private static Color background(Tone tone) {
        return switch (tone) {
            case GOOD -> new DeviceRgb(0xe8, 0xf5, 0xe9);
            case BAD -> new DeviceRgb(0xff, 0xeb, 0xee);
            case WARN -> new DeviceRgb(0xff, 0xf3, 0xe0);
            case NORMAL -> LIGHT;
        };
    }

    /** Song, hei, then the fallbacks; parsed once. */
    private List<FontProgram> programs() {
        List<FontProgram> loaded = programs;
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            if (programs == null) {
                List<FontFile> files = new ArrayList<>();
                files.add(fonts.song());
                files.add(fonts.hei());
                for (FontFile f : fonts.fallbacks()) {
                    if (!files.contains(f)) {
                        files.add(f);
                    }
                }
                List<FontProgram> result = new ArrayList<>();
                for (FontFile f : files) {
                    result.add(load(f));
                }
                programs = List.copyOf(result);
            }
            return programs;
        }
    }

    private static FontProgram load(FontFile file) {
        if (!Files.isReadable(file.path())) {
            throw new FontConfigurationException("the report font " + file.path() + " is missing"
                    + (file.debianPackage() == null ? "" : " (Debian package " + file.debianPackage() + ")"));
        }
        try {
            String path = file.path().toString();
            return path.toLowerCase(Locale.ROOT).endsWith(".ttc")
                    ? FontProgramFactory.createFont(path, file.ttcIndex(), true)
                    : FontProgramFactory.createFont(path, true);
        } catch (IOException | RuntimeException e) {
            throw new FontConfigurationException("the report font " + file.path() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** A file name for the report download, e.g. {@code 验证报告-3f2a9c1e.pdf}. */
    public static String fileName(VerificationReport report, Format format) {
        return "验证报告-" + report.sha256().substring(0, 8) + (format == Format.PDF ? ".pdf" : ".html");
    }
}
