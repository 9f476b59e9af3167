package io.anklume.core.rename;

import io.anklume.core.ActionException;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.InfraEdits;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.InfraTarget;
import io.anklume.core.infra.Machine;
import io.anklume.core.infra.Problem;
import io.anklume.core.infra.Route;
import io.anklume.core.inventory.InstanceMapper;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.core.net.HostNetworks;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Renames an instance in Incus and, when infra.yml (or an infra/ directory) declares it, its machine
 * in the file, so that everything declared under the machine (HTTP routes, ssh, its address) follows
 * the new name. The file is checked before anything changes and put back when Incus refuses; a file
 * that would become invalid (the new name taken by a machine of another domain, say) refuses the
 * rename with the problem.
 */
public final class Renamer {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    private static final int MAX_NAME = 63;

    private final IncusClient client;
    private final boolean readOnly;

    public Renamer(IncusClient client, boolean readOnly) {
        this.client = client;
        this.readOnly = readOnly;
    }

    /**
     * What was done. {@code routes}: the hosts whose routes now go to {@code to} (Caddy still has to be
     * synced: the caller's route keeper or {@code route sync} does it); {@code infraFile} null when the
     * file was not changed (untracked, disposable or undeclared instance).
     */
    public record Renamed(InstanceRef from, InstanceRef to, Path infraFile, List<String> routes) {
        public String summary() {
            String file = infraFile == null ? "" : " and in " + infraFile;
            String moved = routes.isEmpty() ? "" : "; route" + (routes.size() == 1 ? " " : "s ") + String.join(", ", routes)
                    + " now go" + (routes.size() == 1 ? "es" : "") + " to " + to.name();
            return "renamed " + from + " to " + to.name() + file + moved;
        }
    }

    public Renamed rename(InstanceRef ref, String to, Path infraFile) {
        Target target = new Target(ref, to);
        if (readOnly) {
            throw target.refused("anklume-tui runs in read-only mode", null);
        }
        if (to == null || !NAME.matcher(to).matches() || to.length() > MAX_NAME) {
            throw target.refused("\"" + to + "\" is not an instance name: lower-case letters, digits and '-', not at "
                    + "either end, at most " + MAX_NAME + " characters", null);
        }
        if (to.equals(ref.name())) {
            throw target.refused("it already has that name", null);
        }
        Instance instance = call(target, () -> client.instances().get(ref.project(), ref.name()));
        if (!"Stopped".equalsIgnoreCase(instance.status())) {
            throw target.refused("it is " + instance.status() + "; Incus renames stopped instances only: stop it first (S)",
                    null);
        }
        boolean taken = call(target, () -> client.instances().list(ref.project(), false)).stream()
                .anyMatch(i -> i.name().equals(to));
        if (taken) {
            throw target.refused("project " + ref.project() + " already has an instance " + to, null);
        }
        Optional<Edit> edit = InstanceMapper.isManaged(instance) && infraFile != null
                ? edit(target, infraFile) : Optional.empty();
        try {
            call(target, () -> {
                client.instances().rename(ref.project(), ref.name(), to).await(Duration.ofSeconds(60));
                return null;
            });
        } catch (RuntimeException e) {
            edit.ifPresent(ed -> putBack(target, ed.files()));
            throw e;
        }
        return new Renamed(ref, new InstanceRef(ref.project(), to), edit.map(Edit::where).orElse(null),
                edit.map(Edit::routes).orElse(List.of()));
    }

    /** The files the rename changed ({@code where}: the infra file or directory), and the routes that follow. */
    private record Edit(Path where, List<InfraEdits.Change> files, List<String> routes) {}

    /**
     * Renames the machine in the infra file (or directory), checked valid, and says what changed, so a
     * rename Incus then refuses can put it back; empty when the file does not declare the machine.
     */
    private Optional<Edit> edit(Target target, Path infraFile) {
        if (InfraTarget.directory(infraFile) != null) {
            return inDirectory(target, infraFile);
        }
        String before;
        try {
            before = Files.readString(infraFile);
        } catch (IOException e) {
            throw target.refused("cannot read " + infraFile + ": " + e.getMessage(), e);
        }
        Optional<String> after;
        try {
            after = new MachineKeyEditor(infraFile.toString()).rename(before, target.ref().name(), target.to());
        } catch (MachineKeyEditor.EditException e) {
            throw target.refused(e.getMessage(), e);
        }
        if (after.isEmpty()) {
            return Optional.empty();
        }
        HostNetworks host = HostNetworks.detect();
        Problem already = InfraFiles.parse(infraFile.toString(), before, host).firstError();
        if (already != null) {
            throw target.refused("the infra file has an error: " + already + " (fix it first)", null);
        }
        InfraFiles.Loaded check = InfraFiles.parse(infraFile.toString(), after.get(), host);
        Problem first = check.firstError();
        if (first != null) {
            throw target.refused("the infra file would become invalid: " + first + " (change that first)", null);
        }
        write(target, infraFile, after.get());
        return Optional.of(new Edit(infraFile, List.of(new InfraEdits.Change(infraFile, before, after.get())),
                routesOf(check.infra(), target.to())));
    }

    private static List<String> routesOf(Infra infra, String machine) {
        return infra.machine(machine).map(Machine::routes).orElse(List.of()).stream().map(Route::host).toList();
    }

    /**
     * In an infra/ directory the machine's key is in the file that defines its domain, and the policies
     * naming it are in policies.yml (else base.yml): both are edited, then the whole directory is read
     * again; when it does not load, every file is put back and the rename refused.
     */
    private static Optional<Edit> inDirectory(Target target, Path infraFile) {
        Path dir = InfraTarget.directory(infraFile);
        Infra declared = InfraEdits.loadDirectory(infraFile, reason -> target.refused(reason, null));
        Optional<Machine> machine = declared.machine(target.ref().name());
        if (machine.isEmpty()) {
            return Optional.empty();
        }
        String from = target.ref().name();
        InfraTarget domainFile = InfraTarget.of(infraFile, machine.get().domain());
        Path policies = Files.isRegularFile(dir.resolve("policies.yml")) ? dir.resolve("policies.yml") : dir.resolve("base.yml");
        // A policy end naming a domain of that name too may mean the domain: left alone, as in a file.
        boolean endsAreTheMachine = declared.domain(from).isEmpty();
        java.util.Map<Path, InfraEdits.Change> edits = new java.util.LinkedHashMap<>();
        try {
            Path file = domainFile.file();
            String before = Files.readString(file);
            MachineKeyEditor editor = new MachineKeyEditor(file.toString());
            String after = (domainFile.domainFile() ? editor.renameInDomainFile(before, from, target.to())
                    : editor.rename(before, from, target.to())).orElseThrow(() -> target.refused("machine " + from
                    + " is not in " + file + ", which defines its domain", null));
            edits.put(file, new InfraEdits.Change(file, before, after));
            if (endsAreTheMachine) {
                InfraEdits.Change earlier = edits.get(policies);
                String text = earlier != null ? earlier.after() : Files.readString(policies);
                String renamed = new MachineKeyEditor(policies.toString()).renamePolicyEnds(text, from, target.to());
                if (!renamed.equals(text)) {
                    edits.put(policies, new InfraEdits.Change(policies, earlier != null ? earlier.before() : text, renamed));
                }
            }
        } catch (IOException e) {
            throw target.refused("cannot read " + dir + ": " + e.getMessage(), e);
        } catch (MachineKeyEditor.EditException e) {
            throw target.refused(e.getMessage(), e);
        }
        List<InfraEdits.Change> files = List.copyOf(edits.values());
        InfraFiles.Loaded check;
        try {
            check = InfraEdits.applyToDirectory(infraFile, files);
        } catch (IOException e) {
            throw target.refused("cannot write " + dir + ": " + e.getMessage(), e);
        }
        if (check.hasErrors()) {
            throw target.refused("the infra directory would become invalid: " + check.firstError() + " (change that first)",
                    null);
        }
        return Optional.of(new Edit(dir, files, routesOf(check.infra(), target.to())));
    }

    private static void putBack(Target target, List<InfraEdits.Change> changes) {
        try {
            InfraEdits.putBack(changes);
        } catch (IOException e) {
            throw target.refused("cannot write " + changes.get(0).file() + ": " + e.getMessage(), e);
        }
    }

    private static void write(Target target, Path infraFile, String text) {
        try {
            InfraFiles.writeAtomically(infraFile, text);
        } catch (IOException e) {
            throw target.refused("cannot write " + infraFile + ": " + e.getMessage(), e);
        }
    }

    private static <T> T call(Target target, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (IncusException e) {
            throw target.refused(e.error() == null || e.error().isBlank() ? e.getMessage() : e.error(), e);
        }
    }

    /** Errors read "cannot rename pro/web to site: reason". */
    private record Target(InstanceRef ref, String to) {
        ActionException refused(String reason, Throwable cause) {
            return new ActionException(ref + " to " + to, "rename", reason, cause);
        }
    }
}
