package io.anklume.core.adopt;

import io.anklume.core.ActionException;
import io.anklume.core.infra.InfraFiles;
import io.anklume.core.infra.Problem;
import io.anklume.core.net.HostNetworks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    public void addMachine(Path infraFile, String domain, MachineEntry machine) {
        String target = machine.name() + " in " + infraFile;
        if (readOnly) {
            throw new ActionException(target, "declare", "anklume-tui runs in read-only mode");
        }
        try {
            String before = Files.readString(infraFile);
            String after = new InfraYamlEditor(infraFile.toString()).addMachine(before, domain, machine).text();
            Problem first = InfraFiles.parse(infraFile.toString(), after, HostNetworks.detect()).firstError();
            if (first != null) {
                throw new ActionException(target, "declare", "the file would become invalid: " + first);
            }
            InfraFiles.writeAtomically(infraFile, after);
        } catch (IOException e) {
            throw new ActionException(target, "declare", e.getMessage(), e);
        } catch (InfraYamlEditor.EditException e) {
            throw new ActionException(target, "declare", e.getMessage(), e);
        }
    }
}
