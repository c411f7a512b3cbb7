package org.onewindow.service.issuance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.errors.PayloadTooLargeException;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.verify.PdfVerifier;
import org.onewindow.service.verify.VerificationReport;
import org.onewindow.service.verify.VerificationReportRenderer;
import org.onewindow.service.verify.VerifyRoutes;
import org.onewindow.service.web.Access;
import org.onewindow.service.web.Html;
import org.onewindow.service.web.Route;
import org.onewindow.service.web.RouteProvider;

/**
 * The public verification pages (no login), server-rendered Chinese HTML that works on a phone:
 * <ul>
 *   <li>{@code GET /verify}: upload a PDF or type a verification id ({@code ?id=} redirects to the record);</li>
 *   <li>{@code POST /verify}: the PDF (multipart field {@code file}, or the raw body) is verified and discarded;</li>
 *   <li>{@code GET /verify/{id}}: the issued record (issuer, date, seals, SHA-256; never the document id nor case
 *       data), with an upload form to compare a file;</li>
 *   <li>{@code POST /verify/{id}}: compares the file's SHA-256 with the issued one and verifies it.</li>
 * </ul>
 * Every route is rate-limited per client address; uploads are never stored. These pages alone relax the CSP to
 * allow their inline style and posting their forms to the service itself.
 *
 * <p>The verification report for people comes from the same request, so nothing is kept between requests: a result
 * page carries the HTML report as a {@code data:} download link ("下载验证报告"), and the upload forms have a second
 * button that answers with the PDF report instead of the page ({@code format=pdf}).
 */
public final class PublicVerifyRoutes implements RouteProvider {
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss").withZone(CHINA);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(CHINA);

    private final IssuanceService issuance;
    private final Supplier<PdfVerifier> verifier;
    private final long maxUploadBytes;
    private final PublicRateLimiter limiter;
    private final VerificationReportRenderer reports;

    public PublicVerifyRoutes(IssuanceService issuance, Supplier<PdfVerifier> verifier, long maxUploadBytes,
                              PublicRateLimiter limiter) {
        this(issuance, verifier, maxUploadBytes, limiter, new VerificationReportRenderer(
                org.onewindow.templates.FontConfig.debianDefaults(), java.time.Clock.systemUTC()));
    }

    /** @param reports renders the downloadable HTML and PDF reports */
    public PublicVerifyRoutes(IssuanceService issuance, Supplier<PdfVerifier> verifier, long maxUploadBytes,
                              PublicRateLimiter limiter, VerificationReportRenderer reports) {
        this.issuance = issuance;
        this.verifier = verifier;
        this.maxUploadBytes = maxUploadBytes;
        this.limiter = limiter;
        this.reports = reports;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, "/verify", "Public verification page (HTML): upload a PDF or enter a"
                        + " verification id", Access.publicAccess(), ctx -> page(ctx, this::form)),
                new Route(HandlerType.POST, "/verify", "Public verification of an uploaded PDF (multipart 'file' or"
                        + " raw body; not stored); HTML result", Access.publicAccess(), ctx -> page(ctx, this::upload)),
                new Route(HandlerType.GET, "/verify/{verificationId}", "Public page of an issued document: issuer,"
                        + " date, seals, SHA-256 (HTML)", Access.publicAccess(), ctx -> page(ctx, this::record)),
                new Route(HandlerType.POST, "/verify/{verificationId}", "Compare an uploaded PDF with an issued"
                        + " document (SHA-256) and verify it; HTML result", Access.publicAccess(),
                        ctx -> page(ctx, this::compare)));
    }

    private interface Page {
        void render(Context ctx, StringBuilder html);
    }

    /** Rate limit, CSP, error pages: the frame of every public page. */
    private void page(Context ctx, Page page) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", "no-store");
        StringBuilder html = new StringBuilder(4096);
        if (!limiter.tryAcquire(ctx.ip())) {
            ctx.status(429).header("Retry-After", Long.toString(limiter.retryAfterSeconds()));
            error(html, "请求过于频繁", "每个地址每分钟最多 " + limiter.perMinute() + " 次查验，请稍后再试。");
        } else {
            try {
                page.render(ctx, html);
            } catch (OnewindowException e) {
                ctx.status(e.status());
                html.setLength(0);
                error(html, "无法查验", reason(e));
            }
        }
        if (ctx.status().getCode() >= 300 && ctx.status().getCode() < 400 || ctx.attribute(DOWNLOAD) != null) {
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(document(html.toString()));
    }

    private static String reason(OnewindowException e) {
        return switch (e.status()) {
            case 413 -> "文件过大，超过上传上限。";
            case 415 -> "上传的文件不是 PDF 或 OFD 文件。";
            case 400 -> "请求无效：" + e.getMessage();
            default -> "文件无法解析，可能已损坏或格式异常：" + e.getMessage();
        };
    }

    private void form(Context ctx, StringBuilder html) {
        String id = ctx.queryParam("id");
        if (id != null && !id.isBlank()) {
            String trimmed = id.strip().toUpperCase(java.util.Locale.ROOT);
            if (trimmed.matches("[A-Z0-9-]{6,64}")) {
                ctx.redirect("/verify/" + trimmed, io.javalin.http.HttpStatus.SEE_OTHER);
                return;
            }
            html.append("<p class=\"bad\">核验码格式不正确。</p>");
        }
        html.append("<h1>电子证照与文书核验</h1>")
                .append("<p>上传您收到的 PDF 或 OFD 文件，核验其电子印章是否真实、文件是否被篡改。文件仅用于本次核验，不会被保存。</p>")
                .append(uploadForm("/verify"))
                .append("<h2>按核验码查询</h2>")
                .append("<form method=\"get\" action=\"/verify\"><label for=\"id\">核验码（文书页脚或二维码中）</label>")
                .append("<input id=\"id\" name=\"id\" maxlength=\"64\" autocomplete=\"off\" required>")
                .append("<button type=\"submit\">查询</button></form>");
    }

    private String uploadForm(String action) {
        return "<form method=\"post\" action=\"" + esc(action) + "\" enctype=\"multipart/form-data\">"
                + "<label for=\"file\">PDF 或 OFD 文件（不超过 " + (maxUploadBytes / (1024 * 1024)) + " MB）</label>"
                + "<input id=\"file\" type=\"file\" name=\"file\" accept=\"application/pdf,.pdf,application/ofd,.ofd\" required>"
                + "<button type=\"submit\">上传核验</button> "
                + "<button type=\"submit\" name=\"format\" value=\"pdf\" class=\"second\">核验并下载 PDF 报告</button>"
                + "</form>";
    }

    /** Request attribute: the handler answered with a report download instead of a page. */
    private static final String DOWNLOAD = "onewindow.report-download";

    /** {@code format=pdf} (form field or query): the PDF report is the answer, from this same request. */
    private boolean pdfRequested(Context ctx) {
        String format = ctx.queryParam("format");
        if (format == null && ctx.contentType() != null
                && ctx.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            format = ctx.formParam("format");
        }
        return "pdf".equalsIgnoreCase(format);
    }

    private void sendPdf(Context ctx, VerificationReport report, String fileName) {
        VerifyRoutes.attachment(ctx, report, VerificationReportRenderer.Format.PDF);
        ctx.attribute(DOWNLOAD, Boolean.TRUE);
        ctx.contentType(VerificationReportRenderer.PDF_TYPE)
                .result(reports.pdf(report, issuance::registeredSealName, fileName));
    }

    /** The HTML report of this very request as a download link: nothing is stored for a later request. */
    private void reportLink(StringBuilder html, VerificationReport report, String fileName) {
        String page = reports.html(report, issuance::registeredSealName, fileName);
        html.append("<p><a class=\"button\" download=\"")
                .append(esc(VerificationReportRenderer.fileName(report, VerificationReportRenderer.Format.HTML)))
                .append("\" href=\"data:text/html;charset=utf-8;base64,")
                .append(java.util.Base64.getEncoder().encodeToString(page.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .append("\">下载验证报告</a> <small>（网页格式，可打印；需要 PDF 报告请在上传时点「核验并下载 PDF 报告」）</small></p>");
    }

    private void upload(Context ctx, StringBuilder html) {
        byte[] pdf = read(ctx);
        String fileName = uploadedName(ctx);
        VerificationReport report = verifier.get().verify(pdf);
        if (pdfRequested(ctx)) {
            sendPdf(ctx, report, fileName);
            return;
        }
        html.append("<h1>核验结果</h1>");
        verdict(html, report);
        reportLink(html, report, fileName);
        IssuanceService.printedId(pdf).flatMap(issuance::find).ifPresent(record -> {
            html.append("<h2>出件记录</h2>");
            hashLine(html, record, report.sha256());
            issued(html, record);
        });
        html.append("<p><a href=\"/verify\">核验其他文件</a></p>");
    }

    private void record(Context ctx, StringBuilder html) {
        Optional<IssuedRecord> found = issuance.find(ctx.pathParam("verificationId"));
        if (found.isEmpty()) {
            ctx.status(404);
            error(html, "未找到核验码", "没有与该核验码对应的出件记录。请核对核验码，或直接上传文件核验。");
            html.append(uploadForm("/verify"));
            return;
        }
        IssuedRecord record = found.get();
        html.append("<h1>出件记录</h1><p class=\"ok\">本核验码对应一份由政务服务中心正式出具的文书。</p>");
        issued(html, record);
        html.append("<h2>比对文件</h2><p>上传您手中的文件，核对其与出具的文件是否完全一致。</p>")
                .append(uploadForm("/verify/" + record.verificationId()));
    }

    private void compare(Context ctx, StringBuilder html) {
        Optional<IssuedRecord> found = issuance.find(ctx.pathParam("verificationId"));
        if (found.isEmpty()) {
            ctx.status(404);
            error(html, "未找到核验码", "没有与该核验码对应的出件记录。");
            return;
        }
        byte[] pdf = read(ctx);
        String fileName = uploadedName(ctx);
        VerificationReport report = verifier.get().verify(pdf);
        if (pdfRequested(ctx)) {
            sendPdf(ctx, report, fileName);
            return;
        }
        html.append("<h1>比对结果</h1>");
        hashLine(html, found.get(), report.sha256());
        verdict(html, report);
        reportLink(html, report, fileName);
        issued(html, found.get());
    }

    private static void hashLine(StringBuilder html, IssuedRecord record, String sha256) {
        if (record.sha256().equalsIgnoreCase(sha256)) {
            html.append("<p class=\"ok\">哈希值一致：该文件与出具的文件完全相同。</p>");
        } else {
            html.append("<p class=\"bad\">哈希值不一致：该文件与出具的文件不同（SHA-256：<code>").append(esc(sha256))
                    .append("</code>）。</p>");
        }
    }

    private static void verdict(StringBuilder html, VerificationReport report) {
        if (report.passed()) {
            html.append("<p class=\"ok\"><strong>真实有效：</strong>电子印章真实，文件未被篡改。</p>");
        } else {
            html.append("<p class=\"bad\"><strong>核验未通过：</strong>文件不可信，请勿采信。</p>");
        }
        html.append("<p>").append(esc(report.summary())).append("</p><ul>");
        for (VerificationReport.SignatureReport s : report.signatures()) {
            html.append("<li>").append(s.kind() == VerificationReport.Kind.SIGNATURE ? "电子印章" : "文档时间戳")
                    .append("「").append(esc(s.signerSubject().map(IssuanceService::commonName).orElse(s.fieldName())))
                    .append("」");
            s.signerOrganization().ifPresent(o -> html.append("，").append(esc(o)));
            Optional<Instant> time = s.timeStamp().map(VerificationReport.TimeStampInfo::time)
                    .or(s::claimedSigningTime);
            time.ifPresent(t -> html.append("，").append(esc(TIME.format(t))));
            s.padesLevel().ifPresent(l -> html.append("，").append(esc(l)));
            html.append("：").append(s.indication() == org.onewindow.service.verify.Indication.TOTAL_PASSED
                    ? "<span class=\"okt\">有效</span>" : "<span class=\"badt\">无效</span>");
            for (String error : s.errors()) {
                html.append("<br><small>").append(esc(error)).append("</small>");
            }
            for (VerificationReport.Change change : s.changesAfter()) {
                if (!change.allowed()) {
                    html.append("<br><small>签章后被修改：").append(esc(change.description())).append("</small>");
                }
            }
            html.append("</li>");
        }
        html.append("</ul>");
        if (!report.documentProblems().isEmpty()) {
            html.append("<ul>");
            report.documentProblems().forEach(p -> html.append("<li>").append(esc(p)).append("</li>"));
            html.append("</ul>");
        }
    }

    /** The public part of an issued record: never the document id. */
    private static void issued(StringBuilder html, IssuedRecord record) {
        html.append("<dl><dt>出具单位</dt><dd>").append(esc(record.issuerOrganization())).append("</dd>")
                .append("<dt>出具日期</dt><dd>").append(esc(DATE.format(record.issuedAt()))).append("</dd>")
                .append("<dt>核验码</dt><dd><code>").append(esc(record.verificationId())).append("</code></dd>")
                .append("<dt>电子印章</dt><dd><ul>");
        for (IssuedRecord.SignatureSummary s : record.signatures()) {
            html.append("<li>").append(esc(s.signerName()));
            if (s.signingTime() != null) {
                html.append("（").append(esc(TIME.format(s.signingTime()))).append("）");
            }
            html.append("</li>");
        }
        html.append("</ul></dd><dt>文件 SHA-256</dt><dd><code>").append(esc(record.sha256()))
                .append("</code></dd></dl>");
    }

    private static void error(StringBuilder html, String title, String message) {
        html.append("<h1>").append(esc(title)).append("</h1><p class=\"bad\">").append(esc(message)).append("</p>")
                .append("<p><a href=\"/verify\">返回核验页</a></p>");
    }

    /** The uploaded file's name as the browser sent it (only shown, escaped, in the report), or null. */
    private static String uploadedName(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        UploadedFile file = ctx.uploadedFile("file");
        String name = file == null ? null : file.filename();
        return name == null || name.isBlank() ? null : name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** The upload: multipart field {@code file}, or the raw body; within the configured limit; never stored. */
    private byte[] read(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            if (ctx.contentLength() > maxUploadBytes) { // refuse before Jetty spools it
                throw new PayloadTooLargeException("the upload is larger than " + maxUploadBytes + " bytes");
            }
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) {
                throw new BadRequestException("请选择要上传的文件");
            }
            if (file.size() > maxUploadBytes) {
                throw new PayloadTooLargeException("the file is larger than " + maxUploadBytes + " bytes");
            }
            try (InputStream in = file.content()) {
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUploadBytes + 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (ctx.contentLength() > maxUploadBytes) {
            throw new PayloadTooLargeException("the file is larger than " + maxUploadBytes + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUploadBytes + 1));
            if (bytes.length > maxUploadBytes) {
                throw new PayloadTooLargeException("the file is larger than " + maxUploadBytes + " bytes");
            }
            if (bytes.length == 0) {
                throw new BadRequestException("请选择要上传的文件");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String document(String body) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>文书核验 - 政务服务中心</title><style>"
                + "body{font-family:system-ui,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;margin:0;padding:1rem;"
                + "line-height:1.6;color:#222;background:#f6f7f9}main{max-width:40rem;margin:0 auto;background:#fff;"
                + "padding:1rem 1.25rem;border-radius:8px}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}"
                + "label{display:block;margin:.5rem 0 .25rem}input,button{font-size:1rem;max-width:100%;"
                + "box-sizing:border-box}input{width:100%;padding:.5rem}button{margin-top:.5rem;padding:.5rem 1.25rem;"
                + "background:#b71c1c;color:#fff;border:0;border-radius:4px}.ok{color:#1b5e20;background:#e8f5e9;"
                + "padding:.5rem}.bad{color:#b71c1c;background:#ffebee;padding:.5rem}.okt{color:#1b5e20}"
                + ".badt{color:#b71c1c}code{word-break:break-all}dt{font-weight:bold}dd{margin:0 0 .5rem}"
                + "button.second{background:#fff;color:#b71c1c;border:1px solid #b71c1c}"
                + "a.button{display:inline-block;padding:.5rem 1.25rem;background:#1565c0;color:#fff;"
                + "border-radius:4px;text-decoration:none}"
                + "</style></head><body><main>" + body + "</main></body></html>";
    }

    static String esc(String text) {
        return Html.escape(text);
    }
}
