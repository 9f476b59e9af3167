package io.anklume.incus.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public record Image(String fingerprint, List<ImageAlias> aliases, String architecture, String type, long size,
                    @JsonProperty("public") boolean isPublic, Map<String, String> properties, Instant createdAt, String project) {}
