package io.anklume.core.inventory;

/** Identifies an instance: its Incus project and name. */
public record InstanceRef(String project, String name) {
    @Override
    public String toString() {
        return "default".equals(project) || project == null ? name : project + "/" + name;
    }
}
