package io.anklume.core.cli;

import io.anklume.core.infra.InfraFiles;
import java.nio.file.Path;

/** Loads and validates with the core.infra loader and validator (host networks read from the machine). */
final class DefaultInfraSource implements InfraSource {
    static final DefaultInfraSource INSTANCE = new DefaultInfraSource();

    private DefaultInfraSource() {}

    @Override
    public Loaded load(Path file) {
        InfraFiles.Loaded loaded = InfraFiles.load(file);
        return new Loaded(loaded.infra(), loaded.problems());
    }
}
