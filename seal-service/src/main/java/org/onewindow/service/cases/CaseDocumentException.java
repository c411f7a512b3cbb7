package org.onewindow.service.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import org.onewindow.service.errors.OnewindowException;

/**
 * A transition refused because its document could not be made, sealed or issued (e.g. the seal is suspended, the
 * acting user may not apply it, the issuance gate refused the decision). The case is unchanged and nothing the
 * transition made is kept. The status is the cause's when it is a client error (403 seal use denied, 409, 422), else
 * 422; the problem names the case, the action, the document and the seal.
 */
public final class CaseDocumentException extends OnewindowException {
    private final int status;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public CaseDocumentException(String caseId, CaseAction action, CaseDocument.Type document, String sealId,
                                 String message, RuntimeException cause) {
        super(action.wireName() + " (" + action.chineseName() + ") of case " + caseId + " refused, the case is"
                + " unchanged: " + message, cause);
        int causeStatus = cause instanceof OnewindowException e ? e.status() : 422;
        this.status = causeStatus >= 400 && causeStatus < 500 ? causeStatus : 422;
        extensions.put("caseId", caseId);
        extensions.put("action", action.wireName());
        extensions.put("document", document.name());
        if (sealId != null) {
            extensions.put("sealId", sealId);
        }
        if (cause instanceof OnewindowException e) {
            extensions.put("causeType", e.type());
        }
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return "Case document failed";
    }

    @Override
    public String type() {
        return "case-document-failed";
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }
}
