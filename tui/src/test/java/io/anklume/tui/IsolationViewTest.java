package io.anklume.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.themes.ThemeLoader;
import io.anklume.tui.widget.Colors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The isolation view (N) and the detail view's "Reached by", on a virtual terminal. */
class IsolationViewTest {

    /** The text of the matrix cell in row {@code from}, column {@code to}. */
    static String cell(Harness h, String from, String to) {
        int header = h.rowOf("from \\ to");
        int col = h.line(header).indexOf(to);
        int row = -1;
        for (int r = header + 1; r < header + 8; r++) {
            if (h.line(r).startsWith(" " + from + " ")) {
                row = r;
                break;
            }
        }
        assertTrue(row > 0, "no row " + from + " in:\n" + h.text());
        int end = h.line(row).indexOf(' ', col);
        return h.line(row).substring(col, end < 0 ? h.line(row).length() : end).strip();
    }

    @Test
    void theMatrixShowsBlockedPairsThePoliciesThatOpenOthersAndHowItIsEnforced() {
        Harness h = ScreenTest.lab().press("N");
        assertEquals(java.util.List.of(Path.of("infra.yml")), h.isolationRead);
        String screen = h.text();
        assertTrue(screen.contains("isolation › infra.yml"), screen);
        assertTrue(screen.contains("table inet anklume is loaded and matches the file"), screen);
        assertEquals("P1", cell(h, "pro", "homelab"), screen);
        assertEquals("P2", cell(h, "admin", "homelab"), screen);
        assertEquals("✗", cell(h, "homelab", "pro"), "policies are one way:\n" + screen);
        assertEquals("=", cell(h, "pro", "pro"), screen);
        int sandbox = h.rowOf(" sandbox     ✗");
        assertTrue(h.line(sandbox).contains("✗ 12"), "blocked pairs show their drop counter:\n" + screen);
        assertTrue(screen.contains("P1   pro -> homelab-web  tcp 80,443  pro may reach the homelab web server"), screen);

        Colors colors = new Colors(ThemeLoader.builtIn("default"));
        assertEquals(colors.role("ok"), h.foregroundOf("P1 "), "an opened pair is drawn as ok");
        assertEquals(colors.role("error"), h.foregroundOf("✗ 12"), "a blocked pair is drawn as error");
        assertNotEquals(colors.role("ok"), colors.role("error"));
    }

    @Test
    void aNotLoadedTableIsAWarningAndRReadsAgain() {
        Harness h = ScreenTest.lab();
        h.isolation = new io.anklume.core.isolation.IsolationReport(h.isolation.matrix(),
                "table inet anklume is NOT loaded: the domains are not isolated", false, java.util.Map.of());
        h.press("N");
        Colors colors = new Colors(ThemeLoader.builtIn("default"));
        assertEquals(colors.role("warning"), h.foregroundOf("is NOT loaded"));
        h.press("R");
        assertEquals(2, h.isolationRead.size());
        h.press("Esc");
        assertTrue(h.text().contains("admin-ctl"), "Esc goes back to the list");
    }

    @Test
    void theAdviceOfANotLoadedTableIsWrappedAtEightyColumnsNotCut() {
        Harness h = new Harness(80, 24, false, ScreenTest.LAB);
        h.isolation = new io.anklume.core.isolation.IsolationReport(h.isolation.matrix(), "table inet anklume is NOT "
                + "loaded: the domains are not isolated (apply, or anklume-tui nft --deploy)", false, java.util.Map.of());
        h.press("N");
        assertTrue(h.text().contains("anklume-tui nft --deploy)"), h.text());
        assertTrue(h.text().contains("from \\ to"), "the matrix moves down, it is not overwritten: " + h.text());
    }

    @Test
    void theDetailViewListsThePoliciesThatReachTheInstance() {
        Harness h = new Harness(120, 40, false, java.util.List.of(
                Fakes.instance("homelab", "homelab-web", io.anklume.core.infra.TrustLevel.SEMI_TRUSTED, "Running", "10.120.0.1", true),
                Fakes.instance("pro", "pro-dev", io.anklume.core.infra.TrustLevel.TRUSTED, "Running", "10.110.0.1", true)));
        h.press("Enter");
        String screen = h.text();
        int reached = h.rowOf("Reached by");
        assertTrue(h.line(reached + 1).contains("P1   from pro") && h.line(reached + 1).contains("tcp 80,443"), screen);
        assertTrue(h.line(reached + 2).contains("P2   from admin") && h.line(reached + 2).contains("tcp 22"), screen);
    }
}
