package io.anklume.incus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Query parameters of one request; {@code project} is left out for the default project. */
final class Query {
    private final Map<String, String> params = new LinkedHashMap<>();

    static Query of() {
        return new Query();
    }

    static Query project(String project) {
        return new Query().withProject(project);
    }

    Query withProject(String project) {
        if (project != null && !project.isEmpty() && !"default".equals(project)) {
            params.put("project", project);
        }
        return this;
    }

    Query with(String key, Object value) {
        if (value != null) {
            params.put(key, String.valueOf(value));
        }
        return this;
    }

    String encoded() {
        if (params.isEmpty()) {
            return "";
        }
        return "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
