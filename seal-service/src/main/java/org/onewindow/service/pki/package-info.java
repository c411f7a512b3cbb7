/**
 * The center's PKI: {@link org.onewindow.service.pki.CertificateAuthority} (keys in custody), the demo hierarchy
 * ({@link org.onewindow.service.pki.DemoPki}, names marked 演示/DEMO), the import path
 * ({@link org.onewindow.service.pki.PkiImport}), revocation ({@link org.onewindow.service.pki.RevocationRegistry},
 * {@link org.onewindow.service.pki.CrlIssuer}, {@link org.onewindow.service.pki.OcspResponder}) and RFC 3161
 * time-stamping ({@link org.onewindow.service.pki.TimeStampAuthority}, {@link org.onewindow.service.pki.TimeStamper}).
 *
 * <p>State lives in object storage as JSON/PEM under {@code pki/}: {@code pki/ca/{caId}/ca.json},
 * {@code pki/ca/{caId}/index.json} (issued certificates with revocation status, replaced with version-matched
 * writes), {@code pki/doc/demo-hierarchy.json}. {@link org.onewindow.service.pki.PkiServices#start} wires it all;
 * {@link org.onewindow.service.pki.PkiEndpoints} holds the functions behind the public {@code /pki/...} routes.
 */
package org.onewindow.service.pki;
