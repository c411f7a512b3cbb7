package org.onewindow.service.issuance;

import java.util.List;
import java.util.Map;

import org.onewindow.service.errors.UnprocessableException;

/**
 * 422: the document may not be issued. The problem carries a Chinese {@code summary} for people and the
 * machine-readable {@code reasons} (code and message each).
 */
public final class IssuanceRefusedException extends UnprocessableException {
    private final String summary;
    private final List<Reason> reasons;

    /** One reason, e.g. {@code MISSING_SEAL}: 缺少审批专用章. */
    public record Reason(String code, String message) {
    }

    public IssuanceRefusedException(String summary, List<Reason> reasons) {
        super("the document cannot be issued: " + String.join("; ", reasons.stream().map(Reason::code).toList()));
        this.summary = summary;
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }

    @Override
    public String type() {
        return "issuance-refused";
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("summary", summary, "reasons", reasons);
    }
}
