/**
 * Documents and their sealing over HTTP: {@code POST /api/documents} stores an uploaded PDF as version 1,
 * {@code POST /api/documents/{id}/seal} seals the latest version with a registry seal (authorized and audited)
 * and stores the result as a new version, {@code POST /api/documents/seal-batch} seals many documents after one
 * authorization. PDFs are immutable objects {@code documents/{id}/{sha256}.pdf}; the record
 * {@code documents/{id}.json} lists the versions and is only changed with conditional writes, so two sealings of the
 * same version cannot both win (the second gets 409).
 */
package org.onewindow.service.documents;
