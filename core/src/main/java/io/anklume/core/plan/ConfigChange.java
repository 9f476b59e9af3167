package io.anklume.core.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
/** One config key going from {@code oldValue} to {@code newValue}; null means unset on that side. */
public record ConfigChange(String key, String oldValue, String newValue) {

    @JsonIgnore
    public boolean isRemoval() {
        return newValue == null;
    }

    String describe() {
        return key + " " + show(oldValue) + " → " + show(newValue);
    }

    static String show(String value) {
        return value == null ? "(unset)" : value;
    }
}
