package io.anklume.core.inventory;

/** Identifies an instance: its Incus project and name. */
public record InstanceRef(String project, String name) {
    // equals and hashCode are written out: a record's own are bootstrapped through invokedynamic
    // (ObjectMethods), which spins method-handle classes at first use, and refs are hashed from the
    // first list on (tens of milliseconds of start-up, seen with -Xlog:class+load).
    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceRef r && java.util.Objects.equals(project, r.project) && java.util.Objects.equals(name, r.name);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(project) + java.util.Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "default".equals(project) || project == null ? name : project + "/" + name;
    }
}
