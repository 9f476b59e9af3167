package io.anklume.core.cli;

import io.anklume.core.inventory.InstanceRef;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.model.Instance;
import java.util.List;

/** An INSTANCE argument: {@code project/name}, or a bare name that must be unique across projects. */
final class InstanceArg {
    private InstanceArg() {}

    static InstanceRef resolve(IncusClient incus, String spec) throws Args.UsageException {
        int slash = spec.indexOf('/');
        if (slash > 0) {
            InstanceRef ref = new InstanceRef(spec.substring(0, slash), spec.substring(slash + 1));
            try {
                incus.instances().get(ref.project(), ref.name());
            } catch (IncusException e) {
                if (e.isNotFound()) {
                    throw new Args.UsageException("no instance " + ref.name() + " in project " + ref.project());
                }
                throw e;
            }
            return ref;
        }
        List<Instance> found = incus.instances().listAllProjects(false).stream()
                .filter(i -> i.name().equals(spec)).toList();
        if (found.isEmpty()) {
            throw new Args.UsageException("no instance named " + spec + " in any project");
        }
        if (found.size() > 1) {
            throw new Args.UsageException("several instances are named " + spec + " (projects "
                    + found.stream().map(InstanceArg::project).toList() + "); write PROJECT/" + spec);
        }
        return new InstanceRef(project(found.get(0)), spec);
    }

    private static String project(Instance i) {
        return i.project() == null || i.project().isEmpty() ? "default" : i.project();
    }
}
