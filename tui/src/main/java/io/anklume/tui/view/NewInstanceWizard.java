package io.anklume.tui.view;

import io.anklume.core.adopt.MachineEntry;
import io.anklume.core.inventory.InstanceView;
import io.anklume.tui.App;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code n}: name, domain, image, GPU — then the machine is declared in the infra file (which must
 * stay valid: the GPU policy and the names are checked there) and the plan view opens to apply it.
 * New instances are declared, never made behind the file's back.
 */
final class NewInstanceWizard {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");

    private final App app;
    private String name;
    private String domain;
    private String image;

    NewInstanceWizard(App app) {
        this.app = app;
    }

    void start() {
        if (app.services().infraFile() == null) {
            app.error("new instances are declared in infra.yml: start with --infra FILE (or have ./infra.yml)");
            return;
        }
        app.prompt("new instance name: ", "", text -> List.of(), this::named, text -> { });
    }

    private void named(String text) {
        String n = text == null ? "" : text.strip();
        if (!NAME.matcher(n).matches()) {
            app.error("'" + n + "' is not a valid name (lowercase letters, digits and inner hyphens)");
            return;
        }
        name = n;
        // The file's domains, not only those with a managed instance: a domain not applied yet (or
        // emptied) is as good a home, and on a fresh infra there are no managed instances at all.
        app.load("reading the domains of " + app.services().infraFile(),
                () -> app.services().declarer().domains(app.services().infraFile()), declared -> app.later(() -> {
                    List<String> domains = java.util.stream.Stream.concat(declared.stream(), app.inventory().instances()
                            .stream().filter(InstanceView::managed).map(InstanceView::domain).filter(Objects::nonNull))
                            .distinct().sorted().toList();
                    app.prompt("domain of " + name + " (Tab: " + String.join(", ", domains) + "): ",
                            domains.size() == 1 ? domains.get(0) : "",
                            typed -> domains.stream().filter(d -> d.startsWith(typed.strip())).toList(), this::inDomain,
                            t -> { });
                }));
    }

    private void inDomain(String text) {
        domain = text == null ? "" : text.strip();
        if (domain.isEmpty()) {
            app.error("a new instance needs a domain");
            return;
        }
        app.prompt("image (empty: the file's default_os_image): ", "", t -> List.of(), this::withImage, t -> { });
    }

    private void withImage(String text) {
        image = text == null || text.isBlank() ? null : text.strip();
        app.prompt("GPU passthrough for " + name + "? [y/N]: ", "", t -> List.of(), this::withGpu, t -> { });
    }

    private void withGpu(String text) {
        boolean gpu = text != null && text.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
        MachineEntry machine = new MachineEntry(name, "lxc", "created from anklume-tui", null, image, gpu);
        app.run("declaring " + name + " in " + app.services().infraFile(), () -> {
            app.services().declarer().declare(app.services().infraFile(), domain, machine);
            app.later(() -> app.push(new PlanView(app, app.services().infraFile())));
        }, name + " declared in " + app.services().infraFile() + ": review the plan and press a to apply");
    }
}
