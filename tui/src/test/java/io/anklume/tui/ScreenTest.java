package io.anklume.tui;

import static io.anklume.tui.Fakes.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextColor;
import io.anklume.core.ActionException;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.inventory.InstanceView;
import io.anklume.core.snapshot.SnapshotView;
import io.anklume.themes.ThemeLoader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drives the real views with key presses on a virtual terminal and reads the cells back. */
class ScreenTest {
    static final List<InstanceView> LAB = List.of(
            instance("admin", "admin-ctl", TrustLevel.ADMIN, "Running", "10.100.0.1", true),
            instance("pro", "pro-dev", TrustLevel.TRUSTED, "Running", "10.110.0.1", true),
            instance("perso", "perso-web", TrustLevel.SEMI_TRUSTED, "Stopped", null, true),
            instance("sandbox", "sbx-run", TrustLevel.UNTRUSTED, "Running", "10.140.0.1", true),
            instance("disp", "disp-1", TrustLevel.DISPOSABLE, "Running", "10.150.0.1", true),
            instance("default", "legacy-box", null, "Running", "10.231.0.9", false));

    static Harness lab() {
        return new Harness(120, 30, false, LAB);
    }

    @Test
    void listShowsEveryInstanceWithBadgesAndMarksUntracked() {
        Harness h = lab();
        String screen = h.text();
        for (InstanceView v : LAB) {
            assertTrue(screen.contains(v.name()), v.name() + " missing:\n" + screen);
        }
        assertTrue(h.line(h.rowOf("pro-dev")).contains("[TRU]"));
        assertTrue(h.line(h.rowOf("legacy-box")).contains("?legacy-box"));
        assertTrue(h.line(h.rowOf("legacy-box")).contains("UNTRACKED"));
        assertTrue(h.line(0).contains("6 instances") && h.line(0).contains("connected"));
    }

    @Test
    void rowsAreColoredByTrustLevelFromTheTheme() {
        Harness h = lab();
        h.press("Down", "Down"); // select the untracked row so every trust row shows its own color
        assertEquals(new TextColor.RGB(0xff, 0, 0), h.foregroundOf("admin-ctl"));
        assertEquals(new TextColor.RGB(0x00, 0x5f, 0xaf), h.foregroundOf("pro-dev"));
        assertEquals(new TextColor.RGB(0xff, 0xd7, 0x00), h.foregroundOf("perso-web"));
        assertEquals(new TextColor.RGB(0x9b, 0x59, 0xb6), h.foregroundOf("sbx-run"));
        assertEquals(new TextColor.RGB(0x5f, 0x5f, 0x5f), h.foregroundOf("disp-1"));
    }

    @Test
    void ansi16ThemeUsesAnsiColors() {
        Harness h = new Harness(120, 30, false, LAB, ThemeLoader.builtIn("ansi16"));
        h.press("Down");
        assertEquals(TextColor.ANSI.RED_BRIGHT, h.foregroundOf("admin-ctl"));
    }

    @Test
    void filterByTextAndByTrustTerm() {
        Harness h = lab().press("/").type("pro");
        assertTrue(h.text().contains("pro-dev"));
        assertFalse(h.text().contains("admin-ctl"), "live filtering while typing");
        h.press("Enter");
        assertTrue(h.line(0).contains("filter: pro · 1 shown"), h.line(0));
        assertTrue(new Harness(80, 24, false, LAB).press("/").type("pro").press("Enter").line(0)
                .contains("[filter: pro · 1 shown]"), "an 80-column header keeps the filter in view");
        h.press("Esc");
        assertTrue(h.text().contains("admin-ctl"), "Esc clears the filter");
        h.press(":").type("filter trust=untracked").press("Enter");
        assertTrue(h.text().contains("legacy-box"));
        assertFalse(h.text().contains("pro-dev"));
    }

    @Test
    void sortAndGroup() {
        Harness h = lab();
        assertTrue(h.rowOf("admin-ctl") < h.rowOf("sbx-run"), "sorted by name");
        h.press("i");
        assertTrue(h.rowOf("admin-ctl") > h.rowOf("sbx-run"), "inverted");
        h.press("i", ">", ">", ">", ">", ">"); // IPV4
        assertTrue(h.line(1).contains("IPV4↑"), h.line(1));
        h.press("g");
        assertTrue(h.text().contains("── pro [TRU]"), h.text());
    }

    @Test
    void lifecycleKeysCallCoreWithTheSelectedInstanceWhenItsStateAllowsThem() {
        Harness h = lab().press("Down", "Down", "Down", "Down", "s"); // sorted by name: the 5th is pro-dev, running
        assertEquals(List.of(), h.lifecycle.calls);
        assertTrue(h.line(28).contains("start: it is already running"), h.line(28));
        assertFalse(h.line(29).contains("<s> start"), "not offered: " + h.line(29));
        h.press("S", "r");
        assertEquals(List.of("stop pro/pro-dev", "restart pro/pro-dev"), h.lifecycle.calls);
        assertTrue(h.line(28).contains("restarted pro/pro-dev"), h.line(28));

        h.press("Up", "s", "S", "r"); // perso-web, stopped
        assertEquals(List.of("stop pro/pro-dev", "restart pro/pro-dev", "start perso/perso-web"), h.lifecycle.calls);
        assertTrue(h.line(28).contains("restart: it is stopped: s starts it"), h.line(28));
    }

    @Test
    void deleteAsksFirstNamingTheInstanceAndProtectedOnesAreExplained() {
        Harness h = lab().press("d");
        assertTrue(h.text().contains("protected (security.protection.delete=true)"), h.text());
        assertTrue(h.lifecycle.calls.isEmpty());
        Harness u = new Harness(120, 30, false, List.of(instance("default", "legacy-box", null, "Stopped", null, false)));
        u.press("d");
        assertTrue(u.text().contains("Delete legacy-box? This cannot be undone. [y/N]"), u.text());
        u.press("n");
        assertTrue(u.lifecycle.calls.isEmpty(), "anything but y cancels");
        u.press("d", "y");
        assertEquals(List.of("delete legacy-box"), u.lifecycle.calls);
    }

    @Test
    void failuresShowTheirMessageInTheStatusBar() {
        Harness h = lab();
        h.lifecycle.failure = new ActionException("admin/admin-ctl", "stop", "Incus said no");
        h.press("S");
        assertTrue(h.text().contains("cannot stop admin/admin-ctl: Incus said no"), h.text());
    }

    @Test
    void restoreIsThreeKeysFromTheList() {
        Harness h = lab();
        InstanceRef ref = new InstanceRef("admin", "admin-ctl");
        h.snapshots.byInstance.put(ref, new java.util.ArrayList<>(List.of(
                new SnapshotView("before-upgrade", Instant.parse("2026-11-20T08:00:00Z"), null, false))));
        h.press("p");
        assertTrue(h.text().contains("before-upgrade"), h.text());
        h.press("Enter");
        assertTrue(h.text().contains("Restore admin/admin-ctl to before-upgrade? Every change made since"), h.text());
        h.press("y");
        assertEquals(List.of("restore admin/admin-ctl before-upgrade"), h.snapshots.calls);
    }

    @Test
    void aLongSnapshotListKeepsTheOneEnterRestoresOnScreen() {
        Harness h = new Harness(80, 24, false, LAB);
        InstanceRef ref = new InstanceRef("admin", "admin-ctl");
        List<SnapshotView> daily = new java.util.ArrayList<>();
        for (int day = 30; day >= 1; day--) {
            daily.add(new SnapshotView(String.format("snap-daily-%02d", day), Instant.parse("2026-11-01T02:00:00Z")
                    .plusSeconds(86400L * day), null, false));
        }
        h.snapshots.byInstance.put(ref, daily);
        h.press("p");
        for (int i = 0; i < 29; i++) {
            h.press("j");
        }
        assertTrue(h.text().contains("snap-daily-01"), "the selected, oldest one is drawn: " + h.text());
        h.press("Enter");
        assertTrue(h.text().contains("Restore admin/admin-ctl to snap-daily-01?"), h.text());
    }

    @Test
    void newSnapshotNameIsPrefilledAndEditable() {
        Harness h = lab().press("p", "n");
        assertTrue(h.text().contains("snapshot name: snap-20261124-120000"), h.text());
        h.press("Enter");
        assertEquals(List.of("create admin/admin-ctl snap-20261124-120000"), h.snapshots.calls);
        h.press("n");
        for (int i = 0; i < "snap-20261124-120000".length(); i++) {
            h.press("Backspace");
        }
        h.type("before-test").press("Enter");
        assertEquals("create admin/admin-ctl before-test", h.snapshots.calls.get(1));
        assertTrue(h.text().contains("before-test"));
    }

    @Test
    void readOnlyHidesMutatingActionsEverywhere() {
        Harness h = new Harness(120, 30, true, LAB);
        assertFalse(h.line(29).contains("<s> start"), h.line(29));
        h.press("s", "d", "S");
        assertTrue(h.lifecycle.calls.isEmpty());
        assertTrue(h.text().contains("S (stop) changes things: off in read-only mode"), "the key says why: " + h.text());
        assertTrue(h.line(0).contains("READ-ONLY"));
        h.press("?");
        assertFalse(h.text().contains("restart"), h.text());
        Harness w = lab().press(":").type("readonly").press("Enter", "s");
        assertTrue(w.lifecycle.calls.isEmpty(), ":readonly turns it on");
    }

    @Test
    void helpListsActionsWithReasonsAndRunsTheChosenOne() {
        Harness h = lab().press("?");
        assertTrue(h.text().contains("adopt  (only untracked instances"), h.text());
        assertTrue(h.text().contains("start  (it is already running)"), h.text());
        h.press("Down", "Enter"); // second entry: start, which a running instance does not offer
        assertTrue(h.lifecycle.calls.isEmpty());
        assertTrue(h.text().contains("start: it is already running"), h.text());
        h.press("?", "Down", "Down", "Enter"); // third: stop
        assertEquals(List.of("stop admin/admin-ctl"), h.lifecycle.calls);
    }

    @Test
    void helpScrollsToItsLastKeysOnAnEightyByTwentyFourTerminal() {
        Harness h = new Harness(80, 24, false, LAB).press("?");
        assertFalse(h.text().contains("network isolation"), "below the fold at first: " + h.text());
        for (int i = 0; i < 30; i++) {
            h.press("j");
        }
        assertTrue(h.text().contains("network isolation") && h.text().contains("quit"), h.text());
        h.press("Enter");
        assertTrue(!h.app.running(), "Enter ran the last entry, q (quit), which was on screen");
    }

    @Test
    void aDisabledKeysReasonCutAtTheEdgeIsShownWholeWhileSelected() {
        Harness h = new Harness(80, 24, false, LAB).press("?");
        assertFalse(h.text().contains("is unavailable"), h.text());
        for (int i = 0; i < 40 && !h.text().contains("a is unavailable:"); i++) {
            h.press("j");
        }
        String t = h.text();
        assertTrue(t.contains(" a is unavailable: only untracked instances (no user.anklume.managed) can be"), t);
        assertTrue(t.lines().anyMatch(l -> l.strip().equals("adopted")), "wrapped, not cut: " + t);
        h.press("j");
        assertFalse(h.text().contains("a is unavailable:"), "only while it is selected: " + h.text());
    }

    @Test
    void onAWideTerminalTheDetailsLeftColumnStopsBeforeTheSecondOneAndHasTheWidthBelowIt() {
        Harness h = new Harness(120, 40, false, LAB);
        String url = "https://a-rather-long-application-name.pro.example.test/";
        h.routes.routes.add(new io.anklume.core.routing.RouteStatus("anklume-pro-dev-8080", "pro-dev", "app",
                url, "10.120.10.200:65535", true, io.anklume.core.routing.RouteStatus.State.IN_SYNC));
        h.press("Down", "Down", "Down", "Down", "Enter");
        assertTheLeftColumnStopsBeforeTheSecond(h);
        String route = h.line(h.rowOf(" → "));
        assertTrue(route.contains(url + " → 10.120.10.200:65535 auth yes  in sync"), "below it, the whole width: " + route);
    }

    @Test
    void anUntrackedInstancesHintFitsBesideTheSecondColumn() {
        Harness h = new Harness(120, 40, false, LAB).press("Down", "Down", "Enter");
        assertTrue(h.line(0).contains("legacy-box"), h.line(0));
        assertTrue(h.text().contains("default  (UNTRACKED: a adopts it)"), h.text());
        assertTheLeftColumnStopsBeforeTheSecond(h);
    }

    private static void assertTheLeftColumnStopsBeforeTheSecond(Harness h) {
        int secondColumnRows = 0;
        for (int r = 1; r < 38; r++) {
            String line = h.line(r);
            if (!line.substring(60).isBlank()) {
                secondColumnRows++;
                assertEquals(' ', line.charAt(59), "row " + r + " runs into the second column: " + line);
            }
        }
        assertTrue(secondColumnRows >= 3, "addresses, config and devices are beside the left column: " + h.text());
    }

    @Test
    void theHeaderCountsInTheSingularAndKeepsASpaceAfterACutTitle() {
        Harness one = new Harness(120, 30, false, List.of(LAB.get(0)));
        assertTrue(one.line(0).contains(" 1 instance · 1 domain · connected"), one.line(0));
        Harness narrow = new Harness(50, 20, false, LAB).press("?");
        assertTrue(narrow.line(0).matches(".*… 6 instances · connected\\s*"), narrow.line(0));
    }

    @Test
    void paletteCompletesCommandsAndInstanceNames() {
        Harness h = lab().press(":").type("sn").press("Tab");
        assertTrue(h.text().contains(":snapshot "), h.text());
        h.type("pro").press("Tab");
        assertTrue(h.text().contains(":snapshot pro-dev"), h.text());
        h.press("Enter");
        assertEquals(List.of("create pro/pro-dev null"), h.snapshots.calls);
        h.press(":").type("xyz").press("Enter");
        assertTrue(h.text().contains("unknown command :xyz"), h.text());
    }

    @Test
    void aNameSeveralProjectsHaveIsRefusedByThePaletteUntilItsProjectIsGiven() {
        List<InstanceView> twins = new java.util.ArrayList<>(LAB);
        twins.add(instance("perso", "pro-dev", TrustLevel.SEMI_TRUSTED, "Running", "10.120.0.7", true));
        Harness h = new Harness(120, 30, false, twins);
        h.press(":").type("snapshot pro-dev").press("Enter");
        assertTrue(h.text().contains("pro-dev is in 2 projects (pro/pro-dev, perso/pro-dev): write PROJECT/NAME")
                || h.text().contains("pro-dev is in 2 projects (perso/pro-dev, pro/pro-dev): write PROJECT/NAME"), h.text());
        assertEquals(List.of(), h.snapshots.calls);
        h.press(":").type("snapshot perso/p").press("Tab");
        assertTrue(h.text().contains(":snapshot perso/pro-dev"), h.text());
        h.press("Enter");
        assertEquals(List.of("create perso/pro-dev null"), h.snapshots.calls);
    }

    @Test
    void adoptOnlyForUntrackedAndAfterConfirmation() {
        Harness h = lab().press("a");
        assertTrue(h.text().contains("only untracked instances"), h.text());
        h.press(":").type("filter trust=untracked").press("Enter", "a");
        assertTrue(h.text().contains("Adopt legacy-box into infra.yml"), h.text());
        h.press("y");
        assertEquals(List.of("legacy-box -> infra.yml"), h.adopted);
        assertTrue(h.text().contains("adopted legacy-box; to match its entry: eth0 10.231.0.3"),
                "what adoption changed is shown, not replaced by a generic message: " + h.text());
    }

    @Test
    void aDisposableShowsInItsDomainsTrustColorAndIsNoAdoptionCandidate() {
        List<InstanceView> withDisposable = new java.util.ArrayList<>(LAB);
        withDisposable.add(Fakes.disposable("pro", "disp-20261207-101500", TrustLevel.TRUSTED));
        Harness h = new Harness(120, 30, false, withDisposable);
        String row = h.line(h.rowOf("disp-20261207-101500"));
        assertFalse(row.contains("?disp-"), row);
        assertTrue(row.contains("[TRU]") && row.contains("disposable") && !row.contains("UNTRACKED"), row);
        assertEquals(h.foregroundOf("pro-dev"), h.foregroundOf("disp-20261207-101500"));

        h.press(":").type("filter trust=untracked").press("Enter");
        assertFalse(h.text().contains("disp-20261207-101500"), h.text());
        h.press(":").type("filter disp-2026").press("Enter", "a");
        assertTrue(h.text().contains("a disposable is deleted when it stops"), h.text());
        assertEquals(List.of(), h.adopted);
        h.press("Enter");
        assertTrue(h.text().contains("(disposable: deleted at stop)") && !h.text().contains("UNTRACKED"), h.text());
    }

    @Test
    void renameAsksTheNewNameOfAStoppedInstanceAndRefusesARunningOneNamingIt() {
        Harness h = lab();
        h.press(":").type("filter pro-dev").press("Enter", "m");
        assertTrue(h.text().contains("cannot rename pro/pro-dev: it is Running") && h.text().contains("stop it first (S)"),
                h.text());
        h.press(":").type("filter perso-web").press("Enter", "m");
        assertTrue(h.text().contains("rename perso/perso-web to: perso-web"), h.text());
        h.press("Ctrl-U").type("perso-site").press("Enter");
        assertEquals(List.of("perso/perso-web -> perso-site"), h.renamed);
        assertTrue(h.text().contains("renamed perso/perso-web to perso-site"), h.text());

        // From the detail view, which then opens the new name: what was done stays in the status bar.
        h.press("Enter", "m", "Ctrl-U").type("perso-www").press("Enter");
        assertTrue(h.line(0).contains("detail › perso/perso-www"), h.line(0));
        assertTrue(h.text().contains("renamed perso/perso-web to perso-www"), h.text());
    }

    @Test
    void thePaletteRenamesByNameWithTheSameChecks() {
        Harness h = lab();
        h.press(":").type("ren").press("Tab");
        assertTrue(h.text().contains(":rename"), h.text());
        h.press("Ctrl-U").type("rename pro-dev pro-box").press("Enter");
        assertTrue(h.text().contains("cannot rename pro/pro-dev: it is Running"), h.text());
        h.press(":").type("rename perso-web").press("Enter");
        assertTrue(h.text().contains(":rename needs an instance and its new name"), h.text());
        h.press(":").type("rename perso-web perso-site").press("Enter");
        assertEquals(List.of("perso/perso-web -> perso-site"), h.renamed);
        assertTrue(h.text().contains("renamed perso/perso-web to perso-site"), h.text());
    }

    @Test
    void aMessageLongerThanAnEightyColumnLineIsWrappedNotCut() {
        Harness h = new Harness(80, 24, false, LAB).press(":").type("filter pro-dev").press("Enter", "m");
        String bottom = h.line(22) + h.line(23);
        assertTrue(bottom.contains("cannot rename pro/pro-dev: it is Running;") && bottom.contains("stop it first (S)"),
                bottom);
    }

    @Test
    void theDetailViewScrollsOnASmallTerminalSoNothingIsOutOfReach() {
        Harness h = new Harness(80, 24, false, LAB).press("Down", "Down", "Down", "Down", "Enter");
        assertTrue(h.text().contains("pro-dev") && !h.text().contains("Devices"), h.text());
        assertTrue(h.text().contains("j/k scroll"), "says there is more: " + h.text());
        for (int i = 0; i < 20; i++) {
            h.press("j");
        }
        assertTrue(h.text().contains("Devices") && h.text().contains("anklume-ssh"), h.text());
        assertTrue(h.line(0).contains("detail"), "the header stays: " + h.line(0));
        h.press("k");
        assertTrue(h.text().contains("↓ j/k scroll") || h.text().contains("Devices"), h.text());
    }

    @Test
    void theDetailRoutesAreReadAgainWhenTheInstanceStopsNotLeftStale() {
        Harness h = lab();
        h.routes.routes.add(new io.anklume.core.routing.RouteStatus("anklume-pro-dev-8080", "pro-dev", "app.test",
                "http://app.test/", "10.110.0.1:8080", false, io.anklume.core.routing.RouteStatus.State.IN_SYNC));
        h.press("Down", "Down", "Down", "Down", "Enter");
        assertTrue(h.text().contains("10.110.0.1:8080"), h.text());
        // The keeper points Caddy at nothing once pro-dev stops; the view must show that, not the old target.
        h.routes.routes.set(0, new io.anklume.core.routing.RouteStatus("anklume-pro-dev-8080", "pro-dev", "app.test",
                "http://app.test/", "pro-dev:8080 (no address)", false, io.anklume.core.routing.RouteStatus.State.IN_SYNC));
        List<InstanceView> stopped = LAB.stream().map(v -> v.name().equals("pro-dev")
                ? instance("pro", "pro-dev", TrustLevel.TRUSTED, "Stopped", null, true) : v).toList();
        h.inventory.set(stopped, true, null);
        h.render();
        h.render();
        assertTrue(h.text().contains("pro-dev:8080 (no addr") && !h.text().contains("10.110.0.1:8080"), h.text());
    }

    @Test
    void gpuAttachAsksFirstOnStoppedInstancesAndRefusesRunningOnes() {
        Harness h = lab().press("G");
        assertTrue(h.text().contains("cannot attach a GPU to admin/admin-ctl: it is Running; stop it first"), h.text());
        assertEquals(List.of(), h.gpus.calls);

        h.press("Down", "Down", "Down", "G");
        assertTrue(h.text().contains("Attach a GPU to perso/perso-web"), h.text());
        h.press("y");
        assertEquals(List.of("attach perso/perso-web infra.yml"), h.gpus.calls);
        assertTrue(h.text().contains("GPU attached to perso/perso-web"), h.text());

        h.gpus.refusal = new io.anklume.core.ActionException("perso/perso-web", "attach a GPU to",
                "gpu_policy exclusive: pro/pro-dev already has the GPU");
        h.press("G", "y");
        assertTrue(h.text().contains("pro/pro-dev already has the GPU"), h.text());

        h.press(":").type("gpus").press("Enter");
        assertTrue(h.text().contains("host GPUs: 0000:01:00.0  NVIDIA GA104"), h.text());
        assertTrue(new Harness(120, 30, true, LAB).app.actions().stream().noneMatch(a -> a.key().equals("G")));
    }

    @Test
    void flushFromThePaletteListsWhatGoesAndRunsOnlyAfterYes() {
        Harness h = lab().press(":").type("flush").press("Enter");
        String s = h.text();
        assertTrue(s.contains("Flush 1 instance, 1 profile, 1 project, 1 bridge"), s);
        assertTrue(s.contains("- delete instance pro/pro-dev") && s.contains("- delete bridge net-pro")
                && s.contains("- delete nft table inet anklume"), s);
        assertTrue(s.contains("keep instance perso/perso-web: protected"), s);
        assertEquals(List.of("flush-plan infra.yml"), h.housekeeping.calls);
        h.press("n");
        assertEquals(List.of("flush-plan infra.yml"), h.housekeeping.calls, "anything but y cancels");

        h.press(":").type("flush --force").press("Enter").press("y");
        assertEquals(List.of("flush-plan infra.yml", "flush-plan infra.yml --force",
                "flush 1 instance, 1 profile, 1 project, 1 bridge, the nft table inet anklume; 1 kept"), h.housekeeping.calls);
        assertTrue(h.text().contains("flushed: 5 objects deleted"), h.text());

        h.press(":").type("orphans").press("Enter");
        assertTrue(h.text().contains("orphans (managed, not in infra.yml): pro/old-box"), h.text());
        h.press(":").type("import-infra new.yml").press("Enter");
        assertTrue(h.text().contains("wrote new.yml"), h.text());

        Harness ro = new Harness(120, 30, true, LAB).press(":").type("flush").press("Enter");
        assertTrue(ro.text().contains("cannot flush: read-only mode"), ro.text());
        assertEquals(List.of(), ro.housekeeping.calls);
    }

    @Test
    void aConsoleLogLongerThanTheScreenScrollsBackToItsStart() {
        Harness h = new Harness(80, 24, false, LAB);
        StringBuilder boot = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            boot.append("boot step ").append(i).append(" done\n");
        }
        h.console = boot.toString();
        h.press("l");
        assertTrue(h.text().contains("boot step 60 done") && !h.text().contains("boot step 1 done"), h.text());
        h.press("Home");
        assertTrue(h.text().contains("boot step 1 done") && !h.text().contains("boot step 60 done"), h.text());
        assertTrue(h.text().lines().anyMatch(l -> l.contains("more lines (j/End)") && !l.contains("boot step")),
                "the scroll hint has a row of its own, not the end of a log line:\n" + h.text());
        h.press("End");
        assertTrue(h.text().contains("boot step 60 done"), h.text());
    }

    @Test
    void detailShowsStateAndGpuAndLogsShowTheConsole() {
        Harness h = lab().press("Down", "Down", "Down", "Down", "Enter");
        String s = h.text();
        assertTrue(s.contains("pro-dev") && s.contains("10.110.0.1") && s.contains("Running") && s.contains("Profiles"), s);
        assertTrue(s.contains("limits.cpu = 2") && s.contains("GPU gpu: gputype=physical type=gpu") /* device keys are shown sorted */, s);
        assertEquals(new TextColor.RGB(0xd7, 0x5f, 0xd7), h.foregroundOf("GPU gpu:"), "GPU devices are highlighted");
        h.press("Esc", "l");
        assertTrue(h.text().contains("boot line 2"), h.text());
    }

    @Test
    void disconnectedStateIsVisible() {
        Harness h = lab();
        h.inventory.set(LAB, false, "disconnected from Incus (socket gone): retrying");
        h.render();
        assertTrue(h.line(0).contains("disconnected from Incus"), h.line(0));
    }

    @Test
    void theVisibleRowsDetailsAreAskedForOnceTheirFrameIsOnTheTerminal() {
        Harness h = lab();
        List<InstanceView> more = new java.util.ArrayList<>(LAB);
        more.add(instance("pro", "late-box", TrustLevel.TRUSTED, "Running", "10.110.0.7", true));
        h.inventory.set(more, true, null);
        String[] shownWhenAsked = new String[1];
        h.inventory.duringNextFrame = () -> shownWhenAsked[0] = h.text();
        h.render();
        assertTrue(shownWhenAsked[0].contains("late-box"), "asked before the frame was shown:\n" + shownWhenAsked[0]);
        assertTrue(h.inventory.detailsAsked.contains(new io.anklume.core.inventory.InstanceRef("pro", "late-box")));
    }

    @Test
    void aChangeThatArrivesWhileAFrameIsDrawnGetsItsOwnFrame() throws Exception {
        Harness h = lab();
        List<InstanceView> more = new java.util.ArrayList<>(LAB);
        more.add(instance("pro", "late-box", TrustLevel.TRUSTED, "Running", "10.110.0.7", true));
        h.inventory.duringNextFrame = () -> h.inventory.set(more, true, null);
        h.app.markDirty();
        Thread loop = new Thread(() -> {
            try {
                h.app.loop();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        loop.start();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
            while (!h.text().contains("late-box") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(h.text().contains("late-box"), "the change was lost:\n" + h.text());
        } finally {
            h.app.quit();
            loop.join(2000);
        }
    }

    @Test
    void theFirstFrameWaitsForTheListButNotForeverAndLaterFramesNever() {
        long due = 1_000 + App.FIRST_FRAME_WAITS_FOR_LIST_MS;
        assertFalse(App.mayDraw(false, 1_000, due, () -> false), "no 'connecting' frame while the list may still come");
        assertTrue(App.mayDraw(false, 1_050, due, () -> true), "the loaded list is drawn at once");
        assertTrue(App.mayDraw(false, due, due, () -> false), "a slow Incus gets its 'connecting' frame");
        assertTrue(App.mayDraw(true, 1_000, due, () -> false), "after the first frame, nothing waits");
    }

    @Test
    void theFirstLoadedFrameIsTheOneReportedNotTheConnectingOne() {
        Harness h = lab();
        h.inventory.set(List.of(), false, "connecting to Incus");
        List<String> reported = new java.util.ArrayList<>();
        h.app.onFirstLoadedFrame(() -> reported.add(h.line(0)));
        h.render();
        assertEquals(List.of(), reported, "a frame of the inventory still connecting");
        h.inventory.set(LAB, true, null);
        h.render();
        h.render();
        assertEquals(1, reported.size(), "once");
        assertTrue(reported.get(0).contains("6 instances") && reported.get(0).contains("connected"), reported.get(0));
    }

    @Test
    void smallAndResizedTerminalsRedraw() {
        Harness h = new Harness(80, 24, false, LAB);
        assertTrue(h.text().contains("admin-ctl") && h.text().contains("[ADM]"));
        assertTrue(h.line(22).length() == 80);
        h.resize(160, 40);
        assertTrue(h.line(1).contains("MANAGED"), h.line(1));
        h.resize(80, 24);
        assertFalse(h.line(1).contains("GPU"), "narrow terminals drop low-priority columns");
    }

    @Test
    void ctrlCAsksBeforeQuitting() {
        Harness h = lab().press("Ctrl-C");
        assertTrue(h.text().contains("Quit anklume-tui? [y/N]"));
        h.press("n");
        assertTrue(h.app.running());
        h.press("Ctrl-C", "y");
        assertFalse(h.app.running());
    }

    /** The lab with a plan of one change (project lab) open in the plan view. */
    private static Harness planOfOneProject() {
        Harness h = lab();
        io.anklume.core.plan.Action create = new io.anklume.core.plan.Action.CreateProject("lab", "lab", "", java.util.Map.of());
        h.plans.next = new io.anklume.core.plan.Reconciler.Planned(new io.anklume.core.plan.Plan(List.of(create)), List.of());
        return h.press("P");
    }

    @Test
    void planViewShowsTheColoredDiffAndAppliesWithProgress() {
        Harness h = planOfOneProject();
        assertTrue(h.text().contains("+ create project lab"), h.text());
        assertEquals(new TextColor.RGB(0x5f, 0xaf, 0x5f), h.foregroundOf("+ create project lab"));
        h.press("a");
        assertTrue(h.text().contains("Apply 1 change from infra.yml to Incus? [y/N]"), h.text());
        h.press("y");
        assertEquals(List.of("project lab"), h.plans.applied);
        assertTrue(h.text().contains(" ok  + create project lab"), h.text());
    }

    @Test
    void thePlansSummaryLeavesWithThePlanViewButAnErrorStays() {
        Harness h = planOfOneProject();
        String summary = "Plan: 1 to create, 0 to change, 0 to delete.";
        assertTrue(h.text().contains(summary), h.text());
        h.press("Esc");
        assertFalse(h.text().contains(summary), h.text());
        h.press("P");
        h.app.error("apply: 1 failed, 0 not done");
        h.press("Esc");
        assertTrue(h.text().contains("apply: 1 failed, 0 not done"), "what went wrong stays: " + h.text());
    }

    @Test
    void planViewShowsProblemsOfAnInvalidFile() {
        Harness h = lab();
        h.plans.next = new io.anklume.core.plan.Reconciler.Planned(null, List.of(io.anklume.core.infra.Problem.error(
                new io.anklume.core.infra.Position("infra.yml", 3, 5), "domains.x", "bad thing")));
        h.press("P");
        assertTrue(h.text().contains("infra.yml:3:5 domains.x: bad thing"), h.text());
        h.press("a");
        assertTrue(h.plans.applied.isEmpty(), "nothing to apply from an invalid file");
    }

    @Test
    void newInstanceWizardDeclaresTheMachineThenShowsThePlan() {
        Harness h = lab();
        h.plans.next = new io.anklume.core.plan.Reconciler.Planned(new io.anklume.core.plan.Plan(List.of()), List.of());
        h.press("n").type("Bad_Name").press("Enter");
        assertTrue(h.text().contains("'Bad_Name' is not a valid name"), h.text());
        h.fileDomains = List.of("lab2");
        h.press("n").type("pro-new").press("Enter");
        assertTrue(h.text().contains("domain of pro-new (Tab: admin, disp, lab2, perso, pro, sandbox):"),
                "the file's domains too, not only those with managed instances: " + h.text());
        h.type("pr").press("Tab");
        assertTrue(h.text().contains("sandbox): pro"), h.text());
        h.press("Enter").type("busybox").press("Enter").type("y").press("Enter");
        assertEquals(List.of("pro/pro-new image=busybox gpu=true"), h.declared);
        assertTrue(h.line(0).contains("plan › infra.yml"), h.line(0));
        assertFalse(new Harness(120, 30, true, LAB).press("n").text().contains("new instance name"), "read-only");
    }

    /** The detail view of pro-dev with one route, on a terminal {@code cols} wide: the route's line. */
    private static String routeLine(int cols, String url, String target) {
        Harness h = new Harness(cols, 30, false, LAB);
        h.routes.routes.add(new io.anklume.core.routing.RouteStatus("anklume-pro-dev-8080", "pro-dev", "app",
                url, target, true, io.anklume.core.routing.RouteStatus.State.MISSING));
        h.press("Down", "Down", "Down", "Down", "Enter");
        return h.line(h.rowOf(" → "));
    }

    @Test
    void aRoutesTargetIsShownWholeAndANarrowTerminalShortensTheUrlFirst() {
        String v6 = "[fd42:4c5d:1a2b:3c4d:216:3eff:fe12:3456]:8080";
        String wide = routeLine(120, "https://app.pro.example.test/", v6);
        assertTrue(wide.contains("https://app.pro.example.test/ → " + v6 + " auth yes  missing in Caddy"), wide);
        String narrow = routeLine(80, "https://a-rather-long-application-name.pro.example.test/", "10.120.10.200:65535");
        assertTrue(narrow.contains("… → 10.120.10.200:65535 auth yes  missing in Caddy"), narrow);
        assertTrue(narrow.contains("https://a-rather-long-"), narrow);
    }

    @Test
    void detailShowsRoutesAndSshAndAddsAndRemovesARoute() {
        Harness h = lab().press("Down", "Down", "Down", "Down", "Enter");
        assertTrue(h.text().contains("none (R adds one)") && h.text().contains("host port 22005"), h.text());
        h.press("R").type("Bad_Host").press("Enter");
        assertTrue(h.text().contains("'bad_host' is not a host name"), h.text());
        h.press("R").type("app.example.test").press("Enter");
        assertTrue(h.text().contains("port in pro-dev: 80"), h.text());
        h.press("Backspace", "Backspace").type("8080").press("Enter").type("alice").press("Enter");
        h.type("s3cret");
        assertTrue(h.text().contains("password for alice: ******"), h.text());
        assertFalse(h.text().contains("s3cret"), "the password is never drawn");
        h.press("Enter");
        assertEquals(List.of("add pro-dev app.example.test 8080 alice 6 chars"), h.routes.calls);
        assertTrue(new String(h.routes.lastPassword).chars().allMatch(c -> c == 0), "the password was wiped");
        String s = h.text();
        assertTrue(s.contains("https://app.example.test/") && s.contains("10.0.0.9:8080") && s.contains("auth yes")
                && s.contains("in sync"), s);
        h.press("U").press("Enter", "y");
        assertEquals("remove pro-dev app.example.test", h.routes.calls.get(1));
        assertTrue(h.text().contains("none (R adds one)"), h.text());
        assertFalse(new Harness(120, 30, true, LAB).press("Down", "Down", "Down", "Down", "Enter", "R").text()
                .contains("route host"), "read-only");
    }
}
