package org.onewindow.service.intake;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.onewindow.service.intake.MaterialRequirement.Kind.REQUIRED;
import static org.onewindow.service.intake.MaterialRequirement.Kind.SUPPLEMENTARY;

class MaterialChecklistTest {
    private static final MaterialRequirement FORM = new MaterialRequirement("M01", "申请书", REQUIRED);
    private static final MaterialRequirement ID = new MaterialRequirement("M02", "身份证明", REQUIRED);
    private static final MaterialRequirement LEASE = new MaterialRequirement("M03", "场地使用证明", SUPPLEMENTARY);
    private static final List<MaterialRequirement> ITEM = List.of(FORM, ID, LEASE);

    @Test
    void missingRequiredBlocksAcceptance() {
        ChecklistReport report = MaterialChecklist.check(ITEM, Set.of("M01"));
        assertEquals(List.of(FORM), report.present());
        assertEquals(List.of(ID), report.missingRequired());
        assertEquals(List.of(LEASE), report.missingSupplementary());
        assertFalse(report.acceptable());
        assertEquals(List.of(ID, LEASE), report.allMissing());
    }

    @Test
    void missingSupplementaryAllowsToleranceAcceptance() {
        ChecklistReport report = MaterialChecklist.check(ITEM, Set.of("M01", "M02", "X9"));
        assertTrue(report.acceptable());
        assertTrue(report.acceptableWithTolerance());
        assertEquals(List.of("X9"), report.unlisted());
    }

    @Test
    void completeMaterialsNeedNoTolerance() {
        ChecklistReport report = MaterialChecklist.check(ITEM, Set.of("M01", "M02", "M03"));
        assertTrue(report.acceptable());
        assertFalse(report.acceptableWithTolerance());
        assertEquals(List.of(), report.allMissing());
    }

    @Test
    void duplicateCodesInTheListAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> MaterialChecklist.check(List.of(FORM, FORM), Set.of()));
    }
}
