package io.anklume.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.TreeMap;

/** One device going from {@code oldDevice} to {@code newDevice}; null means absent on that side. */
public record DeviceChange(String name, Map<String, String> oldDevice, Map<String, String> newDevice) {

    @JsonIgnore
    public boolean isRemoval() {
        return newDevice == null;
    }

    String describe() {
        return "device " + name + " " + show(oldDevice) + " → " + show(newDevice);
    }

    private static String show(Map<String, String> device) {
        return device == null ? "(none)" : new TreeMap<>(device).toString();
    }
}
