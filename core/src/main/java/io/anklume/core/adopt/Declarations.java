package io.anklume.core.adopt;

import io.anklume.core.ActionException;
import io.anklume.core.infra.InfraEdits;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.InfraTarget;
import io.anklume.core.infra.Problem;
import io.anklume.core.net.HostNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Adds a machine to an infra file as text (comments and order kept), only if the file is still valid
 * afterwards; the file is replaced atomically, so a refused or failed edit leaves it as it was.
 */
public final class Declarations {
    private final boolean readOnly;

    public Declarations(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /**
     * The enabled domains the file declares, sorted: where a new machine can go, applied or not yet.
     * Empty when the file does not load.
     */
    public java.util.List<String> domains(Path infraFile) {
        InfraFiles.Loaded loaded = InfraFiles.load(infraFile);
        return loaded.infra() == null ? java.util.List.of() : loaded.infra().enabledDomains().stream()
                .map(io.anklume.core.infra.Domain::name).sorted().toList();
    }

    /**
     * Adds {@code machine} to {@code domain}. In an infra/ directory it goes into the file defining the
     * domain ({@link InfraTarget}); the directory is checked whole after the edit, and the file put back
     * when it does not load.
     */
    public void addMachine(Path infraFile, String domain, MachineEntry machine) {
        String target = machine.name() + " in " + infraFile;
        if (readOnly) {
            throw new ActionException(target, "declare", "anklume-tui runs in read-only mode");
        }
        try {
            InfraTarget where = InfraTarget.of(infraFile, domain);
            Path file = where.file();
            boolean existed = Files.exists(file);
            String before = existed ? Files.readString(file) : "";
            InfraYamlEditor editor = new InfraYamlEditor(file.toString());
            String after = where.domainFile() ? editor.addMachineToDomainFile(before, domain, machine).text()
                    : editor.addMachine(before, domain, machine).text();
            if (!where.inDirectory()) {
                Problem first = InfraFiles.parse(infraFile.toString(), after, HostNetworks.detect()).firstError();
                if (first != null) {
                    throw new ActionException(target, "declare", "the file would become invalid: " + first);
                }
                InfraFiles.writeAtomically(infraFile, after);
                return;
            }
            InfraEdits.loadDirectory(infraFile, reason -> new ActionException(target, "declare", reason));
            Problem first = InfraEdits.applyToDirectory(infraFile,
                    List.of(new InfraEdits.Change(file, existed ? before : null, after))).firstError();
            if (first != null) {
                throw new ActionException(target, "declare", "the infra directory would become invalid: " + first);
            }
        } catch (IOException e) {
            throw new ActionException(target, "declare", e.getMessage(), e);
        } catch (InfraYamlEditor.EditException e) {
            throw new ActionException(target, "declare", e.getMessage(), e);
        }
    }
}
