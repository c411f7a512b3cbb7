package org.onewindow.service.sign;

import java.time.Instant;

/**
 * What a sealing produced, for the audit record and the caller.
 *
 * @param fieldName    the signature field that holds the new signature
 * @param level        the PAdES level applied
 * @param page         1-based page of the visible seal, 0 when invisible
 * @param signedAt     the signing time claimed in the signature dictionary (/M); the time-stamp attests it from B-T on
 * @param inputSha256  hex SHA-256 of the input file
 * @param outputSha256 hex SHA-256 of the sealed file
 * @param outputBytes  size of the sealed file
 */
public record SealResult(String fieldName, PadesLevel level, int page, Instant signedAt, String inputSha256,
                         String outputSha256, long outputBytes) {
}
