package org.onewindow.service.seal;

/**
 * A seal's state, mirrored from its certificate's revocation state: suspended = certificateHold, revoked = revoked.
 * Only an active seal may be applied.
 */
public enum SealStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED
}
