package io.anklume.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anklume.core.inventory.InstanceRef;
import io.anklume.tui.keys.KeyAction;
import io.anklume.tui.view.DetailView;
import io.anklume.tui.view.HelpView;
import io.anklume.tui.view.LogView;
import io.anklume.tui.view.SnapshotsView;
import io.anklume.tui.view.View;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/keys.md is generated from the views' own key actions, so the documentation cannot drift from
 * the bindings. Regenerate with {@code mvn -pl tui test -Dtest=KeyMapDocTest -DupdateDocs=true}.
 */
class KeyMapDocTest {
    static final Path DOC = Path.of("..", "docs", "keys.md");

    static String generate() {
        Harness h = new Harness(120, 30, false, ScreenTest.LAB);
        InstanceRef ref = ScreenTest.LAB.get(0).ref();
        Map<String, View> views = new LinkedHashMap<>();
        views.put("List (start screen)", h.app.view());
        views.put("Detail (Enter)", new DetailView(h.app, ref));
        views.put("Snapshots (p)", new SnapshotsView(h.app, ref));
        views.put("Console log (l)", new LogView(h.app, ref));
        views.put("Isolation (I)", new io.anklume.tui.view.IsolationView(h.app, java.nio.file.Path.of("infra.yml")));
        h.app.push(views.get("Detail (Enter)"));
        views.put("Help (?)", new HelpView(h.app));
        StringBuilder b = new StringBuilder("# Key map\n\n");
        b.append("Generated from the key bindings by `KeyMapDocTest`; do not edit by hand. Keys marked *changes* are ")
                .append("hidden and refused in `--read-only` mode. Arrows, `j`/`k`, PgUp/PgDn, Home/End move the ")
                .append("selection in every list.\n");
        for (Map.Entry<String, View> e : views.entrySet()) {
            b.append("\n## ").append(e.getKey()).append("\n\n| key | action | |\n|---|---|---|\n");
            for (KeyAction a : e.getValue().actions()) {
                b.append(row(a));
            }
        }
        b.append("\n## Everywhere\n\n| key | action | |\n|---|---|---|\n");
        for (KeyAction a : h.app.globalActions()) {
            b.append(row(a));
        }
        b.append(row(KeyAction.of("Ctrl-C", "ask to quit (never kills a running action)", () -> { })));
        b.append("\n## Command palette (`:`)\n\nTab completes commands, instance names, snapshot names, filter terms ")
                .append("and themes.\n\n| command | what it does |\n|---|---|\n")
                .append("| `:snapshot NAME [SNAP]` | snapshot an instance (default name `snap-<timestamp>`; `PROJECT/NAME` when several projects have NAME) |\n")
                .append("| `:restore NAME SNAP` | restore a snapshot, after a confirmation saying what is lost |\n")
                .append("| `:rename NAME NEW` | rename a stopped instance, as `m` does (its infra.yml entry and routes follow) |\n")
                .append("| `:rollback` | restore the instances the last apply changed to their `pre-apply-*` snapshots, after a confirmation listing them |\n")
                .append("| `:filter TERMS` | `trust=untrusted`, `domain=pro`, `state=running`, or words matching name, domain, IP, state |\n")
                .append("| `:theme NAME` | `default`, `ansi16`, `mono` or a file in `~/.config/anklume-tui/themes/` |\n")
                .append("| `:gpus` | list the host's GPUs (from `/1.0/resources`) |\n")
                .append("| `:orphans` | managed instances the infra file no longer declares |\n")
                .append("| `:import-infra FILE` | write an infra.yml from the Incus state to FILE (never over an existing file) |\n")
                .append("| `:flush [--force]` | delete every anklume object of the infra file's domains, after a confirmation listing them (untracked never, protected only with `--force`) |\n")
                .append("| `:readonly` | turn read-only mode on for the rest of the session |\n")
                .append("| `:help`, `:quit` | as `?` and `q` |\n");
        return b.toString();
    }

    static String row(KeyAction a) {
        // The views are drawn over a running instance: a key its state refuses is still a key (and says why).
        String changes = a.mutating() ? "*changes*" : "";
        String note = a.enabled() ? changes : (changes.isEmpty() ? "" : changes + "; ") + "unavailable: " + a.disabledReason();
        return "| `" + a.key() + "` | " + a.description() + " | " + note + " |\n";
    }

    @Test
    void docsKeysMdIsCurrent() throws Exception {
        String expected = generate();
        if (Boolean.getBoolean("updateDocs")) {
            Files.writeString(DOC, expected);
        }
        assertEquals(expected, Files.exists(DOC) ? Files.readString(DOC) : "",
                "docs/keys.md is stale: regenerate it with mvn -pl tui test -Dtest=KeyMapDocTest -DupdateDocs=true");
    }

}
