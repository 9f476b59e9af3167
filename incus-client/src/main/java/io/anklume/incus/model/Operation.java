package io.anklume.incus.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A background operation; {@code statusCode} of 200 or more is final. {@code opClass} is JSON "class". */
public record Operation(String id, @JsonProperty("class") String opClass, String description, String status, int statusCode,
                        Map<String, List<String>> resources, Map<String, Object> metadata, boolean mayCancel,
                        String err, Instant createdAt, Instant updatedAt, String location) {

    public boolean isFinal() {
        return statusCode >= 200;
    }

    public boolean succeeded() {
        return statusCode == 200;
    }
}
