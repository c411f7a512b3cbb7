package org.onewindow.service.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.onewindow.service.errors.UnprocessableException;

/**
 * A catalogued item (事项) as stored at {@code catalog/items/{code}.json}.
 *
 * @param code                the item code, e.g. {@code 620982-XK-0031}: the key of everything about the item
 * @param name                e.g. 食品经营许可
 * @param window              the window that accepts it, e.g. 市场监管服务
 * @param department          the department that decides it, e.g. 食药监局
 * @param legalBasis          the legal basis (设定依据)
 * @param promisedWorkingDays 承诺时限 in working days; 0 = 即办件
 * @param materials           the materials list
 * @param requiredSeals       the seals the output needs
 */
public record Item(String code, String name, String window, String department, String legalBasis,
                   int promisedWorkingDays, List<Material> materials, List<SealKind> requiredSeals) {
    /** Region code, two to four upper-case letters, a sequence number: {@code 620982-XK-0031}. */
    public static final Pattern CODE = Pattern.compile("[0-9]{6}-[A-Z]{2,4}-[0-9]{4}");
    private static final Pattern MATERIAL_CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    public static final int MAX_PROMISED_WORKING_DAYS = 365;

    public Item {
        // unmodifiable views that keep null entries, so that validated() can name them instead of a bare NPE
        materials = materials == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(materials));
        requiredSeals = requiredSeals == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(requiredSeals));
    }

    /** Whether this is handled on the spot (即办件). */
    public boolean onTheSpot() {
        return promisedWorkingDays == 0;
    }

    /** The material with this code, or {@code null}. */
    public Material material(String materialCode) {
        return materials.stream().filter(m -> m.code().equals(materialCode)).findFirst().orElse(null);
    }

    /**
     * Checks that the item can be stored and used.
     *
     * @throws UnprocessableException naming the first problem
     */
    public Item validated() {
        if (code == null || code.isBlank()) {
            throw new UnprocessableException("an item needs a code (事项编码), e.g. 620982-XK-0031");
        }
        if (!CODE.matcher(code).matches()) {
            throw new UnprocessableException("item code '" + code + "' does not have the form 620982-XK-0031");
        }
        require(name, "name");
        require(window, "window");
        require(department, "department");
        require(legalBasis, "legalBasis");
        if (promisedWorkingDays < 0 || promisedWorkingDays > MAX_PROMISED_WORKING_DAYS) {
            throw new UnprocessableException(code + ": promisedWorkingDays must be from 0 (即办件) to "
                    + MAX_PROMISED_WORKING_DAYS);
        }
        if (materials.isEmpty()) {
            throw new UnprocessableException(code + ": the materials list is empty");
        }
        Set<String> seen = new HashSet<>();
        for (Material m : materials) {
            if (m == null || m.code() == null || !MATERIAL_CODE.matcher(m.code()).matches()) {
                throw new UnprocessableException(code + ": every material needs a code of 1-32 letters, digits, '_' or '-'");
            }
            if (!seen.add(m.code())) {
                throw new UnprocessableException(code + ": material code " + m.code() + " appears twice");
            }
            if (m.name() == null || m.name().isBlank() || m.kind() == null || m.form() == null) {
                throw new UnprocessableException(code + ": material " + m.code() + " needs name, kind and form");
            }
            if (m.copies() < 1 || m.copies() > 99) {
                throw new UnprocessableException(code + ": material " + m.code() + " needs 1-99 copies");
            }
        }
        if (requiredSeals.contains(null) || new HashSet<>(requiredSeals).size() != requiredSeals.size()) {
            throw new UnprocessableException(code + ": requiredSeals has an empty or repeated entry");
        }
        return this;
    }

    private void require(String value, String member) {
        if (value == null || value.isBlank()) {
            throw new UnprocessableException("item " + code + ": " + member + " is missing");
        }
    }
}
