package io.anklume.core.infra;

import java.util.List;
import java.util.Map;

/**
 * One machine of a domain. Nullable fields mean "not set in the file" ({@code ip} is then allocated,
 * {@code osImage} the global default, {@code ephemeral} the domain's default, {@code ssh} no SSH routing).
 */
public record Machine(String name, String domain, String description, Type type, String ip, String osImage,
                      Boolean ephemeral, boolean gpu, List<String> profiles, Integer weight, Boolean bootAutostart,
                      Integer bootPriority, String snapshotsSchedule, String snapshotsExpiry,
                      Map<String, String> config, Map<String, Map<String, String>> devices,
                      Map<String, Object> storageVolumes, Map<String, Object> persistentData, List<String> roles,
                      List<Route> routes, SshAccess ssh) {

    /** A machine without HTTP routes or SSH access ({@code ssh} null). */
    public Machine(String name, String domain, String description, Type type, String ip, String osImage,
                   Boolean ephemeral, boolean gpu, List<String> profiles, Integer weight, Boolean bootAutostart,
                   Integer bootPriority, String snapshotsSchedule, String snapshotsExpiry,
                   Map<String, String> config, Map<String, Map<String, String>> devices,
                   Map<String, Object> storageVolumes, Map<String, Object> persistentData, List<String> roles) {
        this(name, domain, description, type, ip, osImage, ephemeral, gpu, profiles, weight, bootAutostart,
                bootPriority, snapshotsSchedule, snapshotsExpiry, config, devices, storageVolumes, persistentData, roles,
                List.of(), null);
    }

    public enum Type {
        LXC("container"), VM("virtual-machine");

        private final String incusType;

        Type(String incusType) {
            this.incusType = incusType;
        }

        public String incusType() {
            return incusType;
        }
    }
}
