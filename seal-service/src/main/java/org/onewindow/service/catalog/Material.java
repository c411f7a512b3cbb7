package org.onewindow.service.catalog;

/**
 * One entry of an item's materials list.
 *
 * @param code     the material's code within the item, e.g. {@code M01}
 * @param name     what the applicant brings, e.g. 营业执照复印件
 * @param kind     主件 (needed for acceptance) or 副件 (may be supplied later under 容缺受理)
 * @param form     original or copy
 * @param copies   how many (at least 1)
 */
public record Material(String code, String name, Kind kind, Form form, int copies) {

    /** Whether acceptance needs it. */
    public enum Kind {
        /** 主件: acceptance needs it. */
        MAIN("主件"),
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

    /** Original or copy. */
    public enum Form {
        ORIGINAL("原件"),
        COPY("复印件");

        private final String chineseName;

        Form(String chineseName) {
            this.chineseName = chineseName;
        }

        public String chineseName() {
            return chineseName;
        }
    }
}
