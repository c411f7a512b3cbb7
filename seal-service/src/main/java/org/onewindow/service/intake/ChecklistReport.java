package org.onewindow.service.intake;

import java.util.List;

/**
 * What an item's material list looks like against what has been uploaded.
 *
 * @param present              listed materials that have been uploaded, in list order
 * @param missingRequired      主件 not uploaded: the case cannot be accepted
 * @param missingSupplementary 副件 not uploaded: acceptance is possible as 容缺受理 with a deadline
 * @param unlisted             uploaded material codes the list does not mention
 */
public record ChecklistReport(List<MaterialRequirement> present, List<MaterialRequirement> missingRequired,
                              List<MaterialRequirement> missingSupplementary, List<String> unlisted) {
    public ChecklistReport {
        present = List.copyOf(present);
        missingRequired = List.copyOf(missingRequired);
        missingSupplementary = List.copyOf(missingSupplementary);
        unlisted = List.copyOf(unlisted);
    }

    /** Every 主件 is there. */
    public boolean acceptable() {
        return missingRequired.isEmpty();
    }

    /** Acceptable, but with 副件 still to be supplied (容缺受理). */
    public boolean acceptableWithTolerance() {
        return acceptable() && !missingSupplementary.isEmpty();
    }

    /** Everything missing, 主件 first: the content of the 一次性告知书. */
    public List<MaterialRequirement> allMissing() {
        return java.util.stream.Stream.concat(missingRequired.stream(), missingSupplementary.stream()).toList();
    }
}
