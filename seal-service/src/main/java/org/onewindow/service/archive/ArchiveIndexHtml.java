package org.onewindow.service.archive;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.onewindow.service.cases.CaseRecord;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.cases.CaseState;
import org.onewindow.service.documents.DocumentRecord;
import org.onewindow.service.intake.MaterialSubmission;
import org.onewindow.service.intake.StoredOriginal;
import org.onewindow.service.web.Html;

/** The human-readable {@code index.html} of an archive package (Chinese, self-contained, no scripts). */
final class ArchiveIndexHtml {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(BEIJING);

    private ArchiveIndexHtml() {
    }

    static String render(CaseRecord c, CaseService.DeadlineStatus deadline, List<DocumentRecord> docs,
                         List<MaterialSubmission> materials, int events, Instant createdAt) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>办件档案 ")
                .append(esc(c.id())).append("</title>\n<style>body{font-family:serif;max-width:60em;margin:2em auto}"
                        + "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #999;"
                        + "padding:.3em .5em;text-align:left;vertical-align:top}th{background:#eee}</style></head><body>\n");
        h.append("<h1>办件档案 ").append(esc(c.id())).append("</h1>\n");
        h.append("<p>封装时间 ").append(esc(TIME.format(createdAt))).append("（北京时间）。本档案的文件清单见 manifest.json，"
                + "中心签名见 manifest.json.p7s（CMS/PKCS#7 分离式签名）。</p>\n");
        h.append("<h2>办件</h2>\n<table>\n");
        row(h, "办件编号", c.id());
        row(h, "事项", c.itemName() + "（" + c.itemCode() + "）");
        row(h, "窗口", c.window());
        row(h, "承办部门", c.department());
        row(h, "承诺时限", c.promisedWorkingDays() == 0 ? "即办件" : c.promisedWorkingDays() + " 个工作日");
        row(h, "状态", c.state().chineseName());
        row(h, "受理日期", c.acceptedOn() == null ? "—" : c.acceptedOn().toString());
        row(h, "办理期限", deadline.deadline() == null ? "—" : deadline.deadline().toString());
        if (c.state() == CaseState.REFUSED || c.refusalReason() != null) {
            row(h, "不予受理理由", c.refusalReason());
        }
        if (c.decision() != null) {
            row(h, "决定", (c.decision().outcome() == CaseRecord.Decision.Outcome.APPROVED ? "准予" : "不予")
                    + (c.decision().reason() == null ? "" : "：" + c.decision().reason()) + "（" + c.decision().by()
                    + "，" + TIME.format(c.decision().at()) + "）");
        }
        row(h, "退回补正次数", Integer.toString(c.returns().size()));
        h.append("</table>\n<h2>申请人</h2>\n<table>\n");
        CaseRecord.Applicant a = c.applicant();
        row(h, "名称", a == null ? null : a.name());
        row(h, "证件号码", a == null ? null : a.idNumber());
        row(h, "联系电话", a == null ? null : a.phone());
        h.append("</table>\n<h2>办理过程</h2>\n<table>\n<tr><th>时间</th><th>操作</th><th>经办人</th><th>状态</th>"
                + "<th>说明</th></tr>\n");
        for (CaseRecord.Transition t : c.history()) {
            h.append("<tr><td>").append(esc(TIME.format(t.at()))).append("</td><td>").append(esc(actionName(t.action())))
                    .append("</td><td>").append(esc(t.actor())).append("</td><td>")
                    .append(esc((t.from() == null ? "" : t.from().chineseName() + " → ") + (t.to() == null ? ""
                            : t.to().chineseName()))).append("</td><td>").append(esc(t.note())).append("</td></tr>\n");
        }
        for (CaseRecord.ReturnEntry r : c.returns()) {
            h.append("<tr><td>").append(esc(TIME.format(r.at()))).append("</td><td>退回补正（一次性告知）</td><td>")
                    .append(esc(r.by())).append("</td><td></td><td>").append(esc(String.join("；", r.reasons())))
                    .append(r.justification() == null ? "" : "<br>再次退回理由：" + esc(r.justification()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>文书</h2>\n<table>\n<tr><th>文书</th><th>版本</th><th>类型</th><th>文件</th>"
                + "<th>SHA-256</th></tr>\n");
        for (DocumentRecord d : docs) {
            for (DocumentRecord.Version v : d.versions()) {
                h.append("<tr><td>").append(esc(d.title().isEmpty() ? d.id() : d.title())).append("</td><td>")
                        .append(v.n()).append("</td><td>").append(v.kind() == DocumentRecord.Kind.SEALED
                                ? "已签章" + (v.seal() == null ? "" : "（" + esc(v.seal().sealId()) + "）") : "原件")
                        .append("</td><td><a href=\"documents/").append(esc(d.id())).append("/v").append(v.n())
                        .append(".pdf\">documents/").append(esc(d.id())).append("/v").append(v.n())
                        .append(".pdf</a></td><td><code>").append(esc(v.sha256())).append("</code></td></tr>\n");
            }
        }
        if (docs.isEmpty()) {
            h.append("<tr><td colspan=\"5\">无</td></tr>\n");
        }
        h.append("</table>\n<h2>申请材料</h2>\n<table>\n<tr><th>材料</th><th>提交时间</th><th>原始文件</th>"
                + "<th>规范化文件</th></tr>\n");
        for (MaterialSubmission m : materials) {
            String base = "materials/" + m.materialCode() + "/" + m.submissionId() + "/";
            StringBuilder originals = new StringBuilder();
            int i = 0;
            for (StoredOriginal o : m.originals()) {
                i++;
                originals.append(esc(o.declaredName() == null ? "文件" + i : o.declaredName())).append("<br>");
            }
            h.append("<tr><td>").append(esc(m.materialCode())).append("</td><td>")
                    .append(esc(m.createdAt() == null ? "" : TIME.format(m.createdAt()))).append("</td><td>")
                    .append(originals).append("</td><td><a href=\"").append(esc(base)).append("document.pdf\">")
                    .append(esc(base)).append("document.pdf</a></td></tr>\n");
        }
        if (materials.isEmpty()) {
            h.append("<tr><td colspan=\"4\">无（材料未经本系统收件）</td></tr>\n");
        }
        h.append("</table>\n<h2>审计记录</h2>\n<p>本办件及其文书的 ").append(events).append(" 条审计事件见 "
                + "<a href=\"audit/events.jsonl\">audit/events.jsonl</a>（每行一条，含哈希链 prevHash/hash，可与中心审计日志核对）。"
                + "</p>\n</body></html>\n");
        return h.toString();
    }

    private static String actionName(String action) {
        return switch (action) {
            case "create" -> "申报";
            case "accept" -> "受理";
            case "refuse" -> "不予受理";
            case "handover" -> "转办";
            case "review" -> "审核";
            case "return" -> "退回补正";
            case "decide" -> "决定";
            case "complete" -> "办结";
            case "issue" -> "出件";
            case "archive" -> "归档";
            case "material" -> "补充材料";
            default -> action;
        };
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    static String esc(String s) {
        return Html.escape(s);
    }
}
