package io.anklume.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle keys of the list: domain snapshots, rollback of the last apply, disposable shells. */
class LifecycleScreenTest {

    @Test
    void snapshotOfTheSelectedInstancesWholeDomainAfterConfirmation() {
        Harness h = ScreenTest.lab().press("Down", "Down", "Down", "Down"); // pro-dev, domain pro
        h.press("C");
        assertTrue(h.text().contains("Snapshot all 1 managed instance of domain pro? [y/N]"), h.text());
        h.press("n");
        assertTrue(h.safekeeping.calls.isEmpty(), "anything but y cancels");
        h.press("C", "y");
        assertEquals(List.of("snapshot domain pro"), h.safekeeping.calls);
        assertTrue(h.text().contains("domain pro: 2 snapshots taken"), h.text());
    }

    @Test
    void anUntrackedInstanceHasNoDomainToSnapshot() {
        Harness h = ScreenTest.lab().press("Down", "Down"); // legacy-box
        h.press("C");
        assertTrue(h.text().contains("cannot snapshot the domain of legacy-box: it is untracked"), h.text());
        assertTrue(h.safekeeping.calls.isEmpty());
    }

    @Test
    void aDomainWithoutManagedInstancesHasNothingToSnapshot() {
        // A disposable launched outside any declared domain lands in default, where nothing is managed.
        Harness h = new Harness(120, 30, false, List.of(Fakes.disposable("default", "disp-1",
                io.anklume.core.infra.TrustLevel.DISPOSABLE)));
        h.press("C");
        assertTrue(h.text().contains("domain default has no managed instance to snapshot"), h.text());
        assertTrue(h.safekeeping.calls.isEmpty());
    }

    @Test
    void paletteRollbackShowsWhatTheLastApplyChangedAndRestoresAfterYes() {
        Harness h = ScreenTest.lab();
        h.press(":").type("rollback").press("Enter");
        assertTrue(h.text().contains("nothing to roll back"), h.text());

        h.safekeeping.preview = List.of("pro/pro-dev → pre-apply-20261203-101500");
        h.press(":").type("roll").press("Tab");
        assertTrue(h.text().contains(":rollback"), h.text());
        h.press("Enter");
        assertTrue(h.text().contains("Roll back the last apply: pro/pro-dev → pre-apply-20261203-101500?"), h.text());
        h.press("y");
        assertEquals(List.of("rollback"), h.safekeeping.calls);
        assertTrue(h.text().contains("rolled back 1 instances"), h.text());
    }

    @Test
    void disposableShellHandsTheTerminalOverAndTheScreenComesBack() {
        Harness h = ScreenTest.lab().press("D");
        assertEquals(List.of("opened"), h.disposables);
        assertTrue(h.text().contains("disposable shell ended"), h.text());
        assertTrue(h.text().contains("admin-ctl"), "the list is drawn again:\n" + h.text());
    }

    @Test
    void readOnlyHasNoneOfThem() {
        Harness h = new Harness(120, 30, true, ScreenTest.LAB);
        h.press("C", "D", "b", "Down", "Down", "Down", "I");
        h.press(":").type("rollback").press("Enter");
        assertTrue(h.safekeeping.calls.isEmpty());
        assertTrue(h.disposables.isEmpty());
        assertTrue(h.text().contains("cannot roll back: read-only mode"), h.text());
    }

    @Test
    void publishAsksForTheAliasOfAStoppedInstanceAndExplainsARunningOne() {
        Harness h = ScreenTest.lab().press("Down", "Down", "Down"); // perso-web, stopped
        h.press("I");
        assertTrue(h.text().contains("image alias for perso-web: golden-perso-web"), h.text());
        for (int i = 0; i < "golden-perso-web".length(); i++) {
            h.press("Backspace");
        }
        h.type("web-base").press("Enter");
        assertEquals(List.of("publish perso/perso-web web-base"), h.safekeeping.calls);
        assertTrue(h.text().contains("published perso/perso-web as image web-base"), h.text());

        Harness running = ScreenTest.lab(); // admin-ctl runs
        running.press("I");
        assertTrue(running.text().contains("publish as image: Incus publishes stopped instances only; stop it first (S)"),
                running.text());
        assertTrue(running.safekeeping.calls.isEmpty());
    }

    @Test
    void backupExportPromptsForThePathPrefilledWithTheName() {
        Harness h = ScreenTest.lab().press("b");
        assertTrue(h.text().contains("backup file: admin-ctl.tar.gz"), h.text());
        h.press("Enter");
        assertEquals(List.of("backup admin/admin-ctl admin-ctl.tar.gz"), h.safekeeping.calls);
        assertTrue(h.text().contains("exported admin/admin-ctl to admin-ctl.tar.gz"), h.text());
        h.press("b", "Esc");
        assertEquals(1, h.safekeeping.calls.size(), "Esc cancels");
    }
}
