package org.onewindow.service.seal;

import java.util.Objects;

/**
 * Who a seal belongs to.
 *
 * @param name       the organization's full name, as on the seal and in the certificate's O (e.g. 敦煌市住房和城乡建设局)
 * @param department the department name as user records carry it (e.g. 住建局(人防办)), or {@code null} for the center
 *                   itself; a department seal may only be applied by approvers of this department
 */
public record SealOwner(String name, String department) {
    public SealOwner {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("owner name must be 1-64 characters");
        }
        department = department == null || department.isBlank() ? null : department.strip();
    }

    public boolean isCenter() {
        return department == null;
    }
}
