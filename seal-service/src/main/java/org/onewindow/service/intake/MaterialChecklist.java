package org.onewindow.service.intake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Compares an item's material list with the materials uploaded for a case. */
public final class MaterialChecklist {
    private MaterialChecklist() {
    }

    /**
     * @param requirements the item's material list (codes must be unique)
     * @param uploaded     codes of the materials uploaded so far
     */
    public static ChecklistReport check(List<MaterialRequirement> requirements, Collection<String> uploaded) {
        Set<String> listed = new HashSet<>();
        List<MaterialRequirement> present = new ArrayList<>();
        List<MaterialRequirement> missingRequired = new ArrayList<>();
        List<MaterialRequirement> missingSupplementary = new ArrayList<>();
        Set<String> have = new HashSet<>(uploaded);
        for (MaterialRequirement requirement : requirements) {
            if (!listed.add(requirement.materialCode())) {
                throw new IllegalArgumentException("material code listed twice: " + requirement.materialCode());
            }
            if (have.contains(requirement.materialCode())) {
                present.add(requirement);
            } else if (requirement.kind() == MaterialRequirement.Kind.REQUIRED) {
                missingRequired.add(requirement);
            } else {
                missingSupplementary.add(requirement);
            }
        }
        List<String> unlisted = new ArrayList<>(new LinkedHashSet<>(uploaded));
        unlisted.removeIf(listed::contains);
        unlisted.sort(null);
        return new ChecklistReport(present, missingRequired, missingSupplementary, unlisted);
    }

    /** The checklist of a case from what {@link MaterialService} holds for it. */
    public static ChecklistReport check(List<MaterialRequirement> requirements, MaterialService materials, String caseId) {
        return check(requirements, materials.uploadedMaterialCodes(caseId));
    }
}
