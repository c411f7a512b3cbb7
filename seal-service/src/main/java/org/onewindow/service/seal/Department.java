package org.onewindow.service.seal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One back-office department of the center.
 *
 * @param code        stable ASCII code, used in seal ids (e.g. {@code housing})
 * @param windowGroup the window group it is served at (e.g. 投资项目审批服务)
 * @param shortName   the name the center uses day to day (e.g. 住建局(人防办)); what user records carry
 * @param fullName    the official name (e.g. 敦煌市住房和城乡建设局); what seals and certificates carry
 * @param sealName    the text below the star of its seal (e.g. 行政审批专用章)
 */
public record Department(String code, String windowGroup, String shortName, String fullName, String sealName) {
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern PARENTHESIZED = Pattern.compile("[(（]([^)）]*)[)）]");

    public Department {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("department code must be 1-40 characters of [a-z0-9-]: " + code);
        }
        Objects.requireNonNull(shortName, "shortName");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(sealName, "sealName");
    }

    /**
     * Every name a user record may use for this department, normalized: the short name with and without its
     * parenthesized part (住建局(人防办) → 住建局, 人防办), the full name and the code.
     */
    public Set<String> aliases() {
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(normalize(shortName));
        aliases.add(normalize(PARENTHESIZED.matcher(shortName).replaceAll("")));
        var inner = PARENTHESIZED.matcher(shortName);
        while (inner.find()) {
            aliases.add(normalize(inner.group(1)));
        }
        aliases.add(normalize(fullName));
        aliases.add(code);
        aliases.remove("");
        return aliases;
    }

    /** Whether {@code name} (as a user record writes it) means this department. */
    public boolean isNamed(String name) {
        return name != null && aliases().contains(normalize(name));
    }

    /** Strips spaces and unifies full-width parentheses, so 住建局（人防办） equals 住建局(人防办). */
    static String normalize(String name) {
        return name.replace('（', '(').replace('）', ')').replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
