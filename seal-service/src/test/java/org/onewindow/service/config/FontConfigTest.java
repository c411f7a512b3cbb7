package org.onewindow.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.onewindow.templates.FontConfig;
import org.onewindow.templates.FontFile;

/** {@code ONEWINDOW_FONT_SONG / _KAI / _HEI / _FALLBACK}. */
class FontConfigTest {

    @Test
    void defaultsAreTheDebianFonts() {
        assertEquals(FontConfig.debianDefaults(), Config.fromEnvironment(Map.of()).fonts());
    }

    @Test
    void eachRoleAndTheFallbackListCanBeSet() {
        Config config = Config.fromEnvironment(Map.of(
                Config.FONT_SONG, "/opt/fonts/song.ttf",
                Config.FONT_HEI, "/opt/fonts/hei.ttc,1",
                Config.FONT_FALLBACK, "/opt/fonts/rare.ttf; /usr/share/fonts/truetype/arphic/uming.ttc,0"));
        FontConfig fonts = config.fonts();
        assertEquals(Path.of("/opt/fonts/song.ttf"), fonts.song().path());
        assertEquals(FontConfig.debianDefaults().kai(), fonts.kai(), "unset keeps the default");
        assertEquals(new FontFile(Path.of("/opt/fonts/hei.ttc"), 1, null), fonts.hei());
        assertEquals(List.of(Path.of("/opt/fonts/rare.ttf"), Path.of("/usr/share/fonts/truetype/arphic/uming.ttc")),
                fonts.fallbacks().stream().map(FontFile::path).toList());
        assertEquals("fonts-arphic-uming", fonts.fallbacks().get(1).debianPackage(), "a default path keeps its package");
    }

    @Test
    void badFontSettingsNameTheVariable() {
        for (Map<String, String> env : List.of(
                Map.of(Config.FONT_SONG, "fonts/song.ttf"),
                Map.of(Config.FONT_KAI, "/opt/fonts/kai.woff2"),
                Map.of(Config.FONT_HEI, "/opt/fonts/hei.ttf,2"),
                Map.of(Config.FONT_FALLBACK, "/opt/a.ttf;;/opt/b.ttf"))) {
            String variable = env.keySet().iterator().next();
            ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(env));
            assertTrue(e.getMessage().startsWith(variable), e.getMessage());
        }
    }
}
