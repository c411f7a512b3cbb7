package org.onewindow.service.intake;

import org.onewindow.service.identity.Principal;

/**
 * What the case flow says about an upload: whether a material may be uploaded to a case at all (checked before
 * anything is stored), and that it is now present (after it is stored). Keeps the intake module free of the case
 * module; the application wires the case flow's implementation in.
 */
public interface MaterialGate {

    /**
     * Refuses the upload before anything is stored.
     *
     * @throws org.onewindow.service.errors.OnewindowException e.g. 404 unknown case, 409 the case no longer takes
     *                                                         materials, 422 the item does not list the material
     */
    void beforeUpload(Principal principal, String caseId, String materialCode);

    /** Records that the material is present, with a reference to what was stored. */
    void afterUpload(Principal principal, String requestId, String caseId, String materialCode, String documentRef);

    /** Accepts every upload and records nothing (the intake module on its own, and its tests). */
    static MaterialGate none() {
        return new MaterialGate() {
            @Override
            public void beforeUpload(Principal principal, String caseId, String materialCode) {
            }

            @Override
            public void afterUpload(Principal principal, String requestId, String caseId, String materialCode,
                                    String documentRef) {
            }
        };
    }
}
