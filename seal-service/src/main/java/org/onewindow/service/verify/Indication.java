package org.onewindow.service.verify;

/** Main status indication of ETSI EN 319 102-1 (clause 5.1.3). */
public enum Indication {
    TOTAL_PASSED,
    INDETERMINATE,
    TOTAL_FAILED
}
