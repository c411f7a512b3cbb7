package org.onewindow.service.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.onewindow.service.errors.ConflictException;

/** HTTP 409: the action is not possible in the case's current state. The problem names the state and the way on. */
public final class InvalidTransitionException extends ConflictException {
    private final String caseId;
    private final CaseState currentState;
    private final List<String> allowedActions;

    public InvalidTransitionException(String caseId, CaseAction action, CaseState currentState) {
        super("case " + caseId + " is " + currentState + " (" + currentState.chineseName() + "): "
                + action.wireName() + " (" + action.chineseName() + ") is not possible; possible now: "
                + (CaseAction.allowedIn(currentState).isEmpty() ? "none" : String.join(", ",
                CaseAction.allowedIn(currentState))));
        this.caseId = caseId;
        this.currentState = currentState;
        this.allowedActions = CaseAction.allowedIn(currentState);
    }

    public CaseState currentState() {
        return currentState;
    }

    public List<String> allowedActions() {
        return allowedActions;
    }

    @Override
    public String type() {
        return "invalid-transition";
    }

    @Override
    public Map<String, Object> extensions() {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("caseId", caseId);
        ext.put("currentState", currentState.name());
        ext.put("allowedActions", allowedActions);
        return ext;
    }
}
