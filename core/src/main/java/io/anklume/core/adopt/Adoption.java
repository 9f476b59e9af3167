package io.anklume.core.adopt;

import io.anklume.core.ActionException;
import io.anklume.core.infra.Infra;
import io.anklume.core.infra.InfraEdits;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.InfraTarget;
import io.anklume.core.plan.Action;
import io.anklume.core.plan.Applier;
import io.anklume.core.plan.ApplyListener;
import io.anklume.core.plan.ApplyReport;
import io.anklume.core.plan.IncusActionRunner;
import io.anklume.core.plan.Plan;
import io.anklume.core.plan.PlanOptions;
import io.anklume.core.plan.Planner;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.inventory.InstanceMapper;
import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstancePut;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Instances Incus has that infra.yml does not describe, and the other way round, and adoption:
 * taking an untracked instance under anklume's management.
 */
public final class Adoption {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
    private static final int MAX_DOMAIN = 11;

    private final IncusClient client;
    private final boolean readOnly;

    /** {@code readOnly}: {@link #adopt} is refused. */
    public Adoption(IncusClient client, boolean readOnly) {
        this.client = client;
        this.readOnly = readOnly;
    }

    /**
     * The result of an adoption: where the machine went ({@code file}: infra.yml, or the file of an
     * infra/ directory that defines the domain), and the changes made to the instance so it matches its
     * new entry (empty when the domain is new to the file or the file does not load: the next apply
     * then does them).
     */
    public record Adopted(InstanceRef ref, String domain, TrustLevel trust, boolean domainCreated, List<String> changes,
                          Path file) {}

    /**
     * Instances in every project without {@code user.anklume.managed} (one request), except the
     * disposables anklume-tui launched: they are deleted when they stop, there is nothing to adopt.
     */
    public List<InstanceRef> untracked() {
        return listAll().stream().filter(InstanceMapper::isUntracked).map(Adoption::ref).sorted(ORDER).toList();
    }

    /** Managed instances whose domain in {@code infra} no longer declares them (enabled domains only). */
    public List<InstanceRef> orphans(Infra infra) {
        Set<String> declared = infra.machines().map(m -> key(m.domain(), m.name())).collect(Collectors.toSet());
        return listAll().stream()
                .filter(InstanceMapper::isManaged)
                .filter(i -> !declared.contains(key(domainOf(i), i.name())))
                .map(Adoption::ref).sorted(ORDER).toList();
    }

    /**
     * Records the untracked instance in {@code infraYml} under its project's domain (created with the
     * default trust level when missing) and marks it in Incus with {@code user.anklume.managed},
     * {@code domain} and {@code trust}. The file is edited as text: its comments and order stay.
     */
    public Adopted adopt(InstanceRef ref, Path infraYml) {
        if (readOnly) {
            throw new ActionException(ref.toString(), "adopt", "anklume-tui runs in read-only mode");
        }
        Instance instance = call(ref, () -> client.instances().get(ref.project(), ref.name()));
        if (InstanceMapper.isManaged(instance)) {
            throw new ActionException(ref.toString(), "adopt", "it is already managed by anklume (user.anklume.managed=true)");
        }
        if (InstanceMapper.isDisposable(instance)) {
            throw new ActionException(ref.toString(), "adopt", "it is a disposable (user.anklume.disposable=true): "
                    + "Incus deletes it when it stops; declare a machine in infra.yml (n) for something that stays");
        }
        String domain = ref.project() == null ? "default" : ref.project();
        if (!NAME.matcher(domain).matches() || domain.length() > MAX_DOMAIN) {
            throw new ActionException(ref.toString(), "adopt", "its project name \"" + domain + "\" is not a valid "
                    + "domain name (lower-case letters, digits and '-', at most " + MAX_DOMAIN + " characters)");
        }
        if (!NAME.matcher(ref.name()).matches()) {
            throw new ActionException(ref.toString(), "adopt", "\"" + ref.name() + "\" is not a valid machine name for infra.yml");
        }
        InfraTarget target = target(ref, infraYml, domain);
        Path file = target.file();
        String original = read(ref, file);
        InfraYamlEditor.Edit edit;
        try {
            InfraYamlEditor editor = new InfraYamlEditor(file.toString());
            edit = target.domainFile() ? editor.addMachineToDomainFile(original, domain, entry(instance))
                    : editor.addMachine(original, domain, entry(instance));
        } catch (InfraYamlEditor.EditException e) {
            throw new ActionException(ref.toString(), "adopt", e.getMessage(), e);
        }
        mark(ref, domain, edit.domainTrust().yamlName());
        try {
            if (target.inDirectory()) {
                Files.createDirectories(file.getParent());
            }
            InfraFiles.writeAtomically(file, edit.text());
        } catch (IOException e) {
            unmark(ref);
            throw new ActionException(ref.toString(), "adopt", "cannot write " + file + ": " + e.getMessage(), e);
        }
        List<String> changes = edit.domainCreated() ? List.of() : converge(ref, domain, infraYml, file, original);
        return new Adopted(ref, domain, edit.domainTrust(), edit.domainCreated(), changes, file);
    }

    /**
     * The file to write. In an infra/ directory the machine could be declared in any of its files, so
     * the whole directory is read first: it must load without errors and not declare the name already.
     */
    private static InfraTarget target(InstanceRef ref, Path infra, String domain) {
        InfraTarget target = InfraTarget.of(infra, domain);
        if (target.inDirectory()) {
            Infra declared = InfraEdits.loadDirectory(infra, reason -> new ActionException(ref.toString(), "adopt", reason));
            declared.machine(ref.name()).ifPresent(m -> {
                throw new ActionException(ref.toString(), "adopt", "machine " + ref.name() + " is already declared in "
                        + InfraTarget.directory(infra) + " (domain " + m.domain() + ")");
            });
        }
        return target;
    }

    /**
     * Gives the adopted instance what its new entry asks for (delete protection, its planned eth0
     * address, the marker lists), so the next plan is empty. Only the instance's config and devices are
     * changed, never its profiles, and it is not started. On failure the file and markers are put back.
     */
    private List<String> converge(InstanceRef ref, String domain, Path infraYml, Path written, String original) {
        InfraFiles.Loaded loaded = InfraFiles.load(infraYml);
        if (loaded.hasErrors()) {
            return List.of();
        }
        try {
            Plan plan = new Planner(client).plan(loaded.infra(), loaded.addresses(), new PlanOptions(false, domain));
            List<Action> mine = plan.actions().stream()
                    .filter(a -> a instanceof Action.UpdateInstance u && u.project().equals(ref.project())
                            && u.name().equals(ref.name()))
                    .map(a -> (Action.UpdateInstance) a)
                    .<Action>map(u -> new Action.UpdateInstance(u.domain(), u.project(), u.name(), u.configChanges(),
                            u.deviceChanges(), null, null))
                    .filter(u -> !u.diffLines().isEmpty())
                    .toList();
            if (mine.isEmpty()) {
                return List.of();
            }
            ApplyReport report = new Applier(new IncusActionRunner(client), 1, new ApplyListener() { }).apply(new Plan(mine));
            if (!report.succeeded()) {
                throw new IllegalStateException(String.join("; ", report.lines()));
            }
            return mine.stream().flatMap(a -> a.diffLines().stream()).toList();
        } catch (RuntimeException e) {
            unmark(ref);
            try {
                InfraFiles.writeAtomically(written, original);
            } catch (IOException ignored) {
                // The adoption error below is what matters; the file then holds the new entry.
            }
            throw new ActionException(ref.toString(), "adopt", "cannot bring it in line with its entry: " + e.getMessage(), e);
        }
    }

    private static MachineEntry entry(Instance i) {
        String type = "virtual-machine".equals(i.type()) ? "vm" : "lxc";
        Map<String, Map<String, String>> devices = i.devices() == null ? Map.of() : i.devices();
        String ip = devices.values().stream()
                .filter(d -> d != null && "nic".equals(d.get("type")) && d.get("ipv4.address") != null)
                .map(d -> d.get("ipv4.address")).findFirst().orElse(null);
        return new MachineEntry(i.name(), type, i.description(), ip);
    }

    private void mark(InstanceRef ref, String domain, String trust) {
        Map<String, String> markers = Map.of(InstanceMapper.MANAGED, "true", InstanceMapper.DOMAIN, domain,
                InstanceMapper.TRUST, trust);
        call(ref, () -> {
            client.instances().patch(ref.project(), ref.name(), new InstancePut(markers, null, null, null, null), null);
            return null;
        });
    }

    private void unmark(InstanceRef ref) {
        try {
            client.instances().patch(ref.project(), ref.name(), new InstancePut(Map.of(InstanceMapper.MANAGED, "",
                    InstanceMapper.DOMAIN, "", InstanceMapper.TRUST, ""), null, null, null, null), null);
        } catch (IncusException ignored) {
            // The write error is what the user needs to see; the markers are at worst left behind.
        }
    }

    private static String read(InstanceRef ref, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new ActionException(ref.toString(), "adopt", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Instance> listAll() {
        try {
            return client.instances().listAllProjects(false);
        } catch (IncusException e) {
            throw new ActionException("instances", "list", e.error() == null ? e.getMessage() : e.error(), e);
        }
    }

    private static <T> T call(InstanceRef ref, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (IncusException e) {
            throw new ActionException(ref.toString(), "adopt",
                    e.isNotFound() ? "no such instance in Incus" : e.error() == null ? e.getMessage() : e.error(), e);
        }
    }

    private static final Comparator<InstanceRef> ORDER =
            Comparator.comparing(InstanceRef::project).thenComparing(InstanceRef::name);

    private static InstanceRef ref(Instance i) {
        return new InstanceRef(i.project() == null || i.project().isEmpty() ? "default" : i.project(), i.name());
    }

    private static String domainOf(Instance i) {
        Map<String, String> c = i.expandedConfig() != null && !i.expandedConfig().isEmpty() ? i.expandedConfig() : i.config();
        String d = c == null ? null : c.get(InstanceMapper.DOMAIN);
        return d == null || d.isBlank() ? ref(i).project() : d;
    }

    private static String key(String domain, String name) {
        return domain + "/" + name;
    }
}
