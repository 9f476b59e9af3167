package io.anklume.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemeLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultPaletteIsTheColorblindSafeOne() {
        Theme t = new ThemeLoader(dir, Map.of("COLORTERM", "truecolor")).initial(null).theme();
        assertEquals("default", t.name());
        assertEquals(new Color.Rgb(0xff, 0, 0), t.trust("admin"));
        assertEquals(new Color.Rgb(0x00, 0x5f, 0xaf), t.trust("trusted"));
        assertEquals(new Color.Rgb(0xff, 0xd7, 0x00), t.trust("semi-trusted"));
        assertEquals(new Color.Rgb(0x9b, 0x59, 0xb6), t.trust("untrusted"));
        assertEquals(new Color.Rgb(0x5f, 0x5f, 0x5f), t.trust("disposable"));
    }

    @Test
    void noColorMeansMonoAndNoTruecolorMeansAnsi16() {
        assertEquals("mono", new ThemeLoader(dir, Map.of("NO_COLOR", "1", "COLORTERM", "truecolor")).initial("default").theme().name());
        assertEquals(Color.DEFAULT, ThemeLoader.builtIn("mono").trust("admin"));
        Theme ansi = new ThemeLoader(dir, Map.of()).initial(null).theme();
        assertEquals("ansi16", ansi.name());
        assertEquals(new Color.Ansi("red_bright"), ansi.trust("admin"));
    }

    @Test
    void userThemeOverridesSomeRoles() throws Exception {
        Files.writeString(dir.resolve("night.yml"), "name: night\ncolors:\n  trust.admin: \"#aa0000\"\n");
        ThemeLoader.Loaded l = new ThemeLoader(dir, Map.of("COLORTERM", "24bit")).load("night");
        assertNull(l.warning());
        assertEquals(new Color.Rgb(0xaa, 0, 0), l.theme().trust("admin"));
        assertEquals(new Color.Rgb(0x00, 0x5f, 0xaf), l.theme().trust("trusted"), "other roles come from default");
        assertTrue(new ThemeLoader(dir, Map.of()).names().contains("night"));
    }

    @Test
    void brokenUserThemeNamesFileAndLineAndFallsBack() throws Exception {
        Files.writeString(dir.resolve("bad.yml"), "name: bad\ncolors:\n  trust.admin: reddish\n");
        ThemeLoader.Loaded l = new ThemeLoader(dir, Map.of("COLORTERM", "truecolor")).load("bad");
        assertEquals("default", l.theme().name());
        assertTrue(l.warning().startsWith(dir.resolve("bad.yml") + ":3: colors.trust.admin: 'reddish' is not a color"), l.warning());
        assertTrue(new ThemeLoader(dir, Map.of()).load("missing").warning().startsWith("no theme 'missing'"));
    }

    @Test
    void aThemeThatIsNotYamlNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("torn.yml"), "name: torn\ncolors:\n  header: [blue\n  dim: grey\n");
        ThemeLoader.Loaded l = new ThemeLoader(dir, Map.of()).load("torn");
        assertEquals("ansi16", l.theme().name());
        assertTrue(l.warning().startsWith(dir.resolve("torn.yml") + ":4: invalid YAML: "), l.warning());
    }
}
