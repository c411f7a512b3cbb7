package org.onewindow.service.ofd;

/** The package is over a reading bound: too many entries, a file or all files too large inflated, a bomb (422). */
public class OfdResourceLimitException extends MalformedOfdException {
    public OfdResourceLimitException(String message) {
        super(message);
    }
}
