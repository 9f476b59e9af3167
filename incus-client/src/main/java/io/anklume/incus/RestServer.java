package io.anklume.incus;

import com.fasterxml.jackson.databind.JsonNode;
import io.anklume.incus.model.Resources;
import io.anklume.incus.model.ServerInfo;
import java.util.ArrayList;
import java.util.List;

final class RestServer implements ServerApi {
    private final Rest rest;

    RestServer(Rest rest) {
        this.rest = rest;
    }

    @Override
    public ServerInfo info() {
        JsonNode m = rest.get("/1.0", Query.of());
        List<String> extensions = new ArrayList<>();
        m.path("api_extensions").forEach(e -> extensions.add(e.asText()));
        JsonNode env = m.path("environment");
        return new ServerInfo(extensions, m.path("auth").asText(""), env.path("server_version").asText(""),
                env.path("server_clustered").asBoolean(false));
    }

    @Override
    public Resources resources() {
        return rest.get("/1.0/resources", Query.of(), Resources.class);
    }
}
