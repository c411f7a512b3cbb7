package org.onewindow.service.pki;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a CA has issued, with revocation state; one document per CA, replaced as a whole with a conditional
 * write (a center issues dozens of seal certificates, not millions).
 *
 * @param caId     the CA
 * @param entries  issued certificates in issuing order
 */
public record CertificateIndex(String caId, List<IssuedCertificate> entries) {
    public CertificateIndex {
        Objects.requireNonNull(caId, "caId");
        entries = List.copyOf(entries);
    }

    public static CertificateIndex empty(String caId) {
        return new CertificateIndex(caId, List.of());
    }

    public Optional<IssuedCertificate> find(String serialHex) {
        return entries.stream().filter(entry -> entry.serial().equals(serialHex)).findFirst();
    }

    CertificateIndex with(IssuedCertificate entry) {
        List<IssuedCertificate> updated = new ArrayList<>(entries.size() + 1);
        boolean replaced = false;
        for (IssuedCertificate existing : entries) {
            if (existing.serial().equals(entry.serial())) {
                updated.add(entry);
                replaced = true;
            } else {
                updated.add(existing);
            }
        }
        if (!replaced) {
            updated.add(entry);
        }
        return new CertificateIndex(caId, updated);
    }
}
