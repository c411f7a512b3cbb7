package org.onewindow.service.intake;

import java.util.Objects;

/**
 * One material a catalogued item asks for.
 *
 * @param materialCode the material's code within the item
 * @param name         its name as shown to applicants, e.g. 营业执照副本
 * @param kind         主件 (required for acceptance) or 副件 (may be supplied later under 容缺受理)
 */
public record MaterialRequirement(String materialCode, String name, Kind kind) {
    public MaterialRequirement {
        Objects.requireNonNull(materialCode, "materialCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether acceptance waits for the material. */
    public enum Kind {
        /** 主件: required before the case can be accepted. */
        REQUIRED("主件"),
        /** 副件: may be supplied after acceptance (容缺受理). */
        SUPPLEMENTARY("副件");

        private final String chineseName;

        Kind(String chineseName) {
            this.chineseName = chineseName;
        }

        public String chineseName() {
            return chineseName;
        }
    }
}
