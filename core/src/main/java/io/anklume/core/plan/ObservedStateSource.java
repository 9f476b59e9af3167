package io.anklume.core.plan;

import java.util.Collection;

/**
 * Where the planner gets what Incus holds: read fresh each time ({@link ObservedStateReader}, the CLI's
 * one-shot plan and apply) or kept between plans and dropped on Incus events ({@link ObservedStateCache},
 * the TUI's plan view).
 */
public interface ObservedStateSource extends AutoCloseable {

    /** The projects, instances, given bridges and given projects' profiles as Incus holds them now. */
    ObservedState read(Collection<String> domainProjects, Collection<String> bridges);

    /** Forgets anything kept, so the next read asks Incus (after our own apply). */
    default void forgetAll() {}

    @Override
    default void close() {}
}
