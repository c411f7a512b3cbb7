package org.onewindow.service.cases;

import java.time.Instant;
import java.util.Objects;

/**
 * A document the case flow made or sealed at a transition, as listed on the case record. One entry per transition
 * and document: the 办结 entry of a decision names the same document as its 决定 entry, with the later version.
 *
 * @param type           what the document is
 * @param documentId     the stored document ({@code GET /api/documents/{documentId}})
 * @param templateId     the template it was rendered from
 * @param action         the transition that produced this version ({@code accept}, {@code complete} …)
 * @param version        the document version this transition left (the sealed one)
 * @param sealId         the seal this transition applied, or null (issuance applies none)
 * @param at             when
 * @param by             who acted
 * @param verificationId the public verification id, once issued (出件) through the gate; otherwise null
 */
public record CaseDocument(Type type, String documentId, String templateId, String action, int version,
                           String sealId, Instant at, String by, String verificationId) {
    public CaseDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(documentId, "documentId");
    }

    /** The kinds of case documents. */
    public enum Type {
        /** 受理通知书 (also for 容缺受理: lists the missing 副件 and the deadline). */
        ACCEPTANCE_NOTICE("受理通知书"),
        /** 不予受理通知书 with the reasons. */
        REFUSAL_NOTICE("不予受理通知书"),
        /** 材料交接单: sealed by the window at 转办, by the department when it takes the case up (审核). */
        HANDOVER_RECEIPT("材料交接单"),
        /** 一次性告知书 after a return (退回补正). */
        CORRECTION_NOTICE("一次性告知书"),
        /** 准予 / 不予行政许可决定书: the department's seal at 决定, the center's 审批专用章 at 办结. */
        DECISION("行政许可决定书");

        private final String chineseName;

        Type(String chineseName) {
            this.chineseName = chineseName;
        }

        public String chineseName() {
            return chineseName;
        }
    }
}
