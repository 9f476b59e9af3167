package io.anklume.core.adopt;

/**
 * What is written in infra.yml for one machine. {@code type} is "lxc" or "vm"; {@code description},
 * {@code ip} (a static address of its nic) and {@code osImage} may be null.
 */
public record MachineEntry(String name, String type, String description, String ip, String osImage, boolean gpu) {
    public MachineEntry(String name, String type, String description, String ip) {
        this(name, type, description, ip, null, false);
    }
}
