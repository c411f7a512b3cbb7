package org.onewindow.templates;

import java.util.List;

/**
 * The fonts used for the documents, by role. GB/T 9704 asks for 小标宋 titles, 仿宋 body text, 黑体 and 楷体
 * headings; free fonts that embed cleanly stand in for them (Noto CJK cannot be used: CFF outlines in a TTC).
 *
 * @param song      宋体-like font for titles (simulated bold) and body text
 * @param kai       楷体-like font for subtitles and notes
 * @param hei       黑体-like font for headings
 * @param fallbacks tried in order, glyph by glyph, for characters the role font lacks (生僻字)
 */
public record FontConfig(FontFile song, FontFile kai, FontFile hei, List<FontFile> fallbacks) {
    public static final String DEFAULT_SONG = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";
    public static final String DEFAULT_KAI = "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf";
    public static final String DEFAULT_HEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0";
    public static final String DEFAULT_MING = "/usr/share/fonts/truetype/arphic/uming.ttc,0";

    public FontConfig {
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    /** The Debian fonts: AR PL SungtiL GB, AR PL KaitiM GB, WenQuanYi Zen Hei; fallbacks AR PL UMing, WenQuanYi. */
    public static FontConfig debianDefaults() {
        return new FontConfig(
                FontFile.parse(DEFAULT_SONG, "fonts-arphic-gbsn00lp"),
                FontFile.parse(DEFAULT_KAI, "fonts-arphic-gkai00mp"),
                FontFile.parse(DEFAULT_HEI, "fonts-wqy-zenhei"),
                List.of(FontFile.parse(DEFAULT_MING, "fonts-arphic-uming"),
                        FontFile.parse(DEFAULT_HEI, "fonts-wqy-zenhei")));
    }

    /**
     * Fonts from configuration strings ({@code path} or {@code path.ttc,index}); {@code null} or blank keeps the
     * default for that role. The Debian package is remembered for paths equal to the defaults.
     */
    public static FontConfig of(String song, String kai, String hei, List<String> fallbacks) {
        FontConfig d = debianDefaults();
        return new FontConfig(
                pick(song, d.song()), pick(kai, d.kai()), pick(hei, d.hei()),
                fallbacks == null || fallbacks.isEmpty() ? d.fallbacks()
                        : fallbacks.stream().map(f -> pick(f, null)).toList());
    }

    private static FontFile pick(String spec, FontFile fallback) {
        if (spec == null || spec.isBlank()) {
            return fallback;
        }
        FontFile parsed = FontFile.parse(spec, null);
        for (FontFile known : debianDefaults().knownFiles()) {
            if (known.path().equals(parsed.path())) {
                return new FontFile(parsed.path(), parsed.ttcIndex(), known.debianPackage());
            }
        }
        return parsed;
    }

    private List<FontFile> knownFiles() {
        return List.of(song, kai, hei, fallbacks.get(0));
    }
}
