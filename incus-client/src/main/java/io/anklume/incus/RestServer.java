package io.anklume.incus;

import io.anklume.incus.model.Resources;
import io.anklume.incus.model.ServerInfo;
import java.util.List;

final class RestServer implements ServerApi {
    private final Rest rest;

    RestServer(Rest rest) {
        this.rest = rest;
    }

    @Override
    public ServerInfo info() {
        // Streamed: the screen asks it before its first frame (StartupReaders).
        ServerInfo info = rest.getStreamed("/1.0", Query.of(), StartupReaders::serverInfo);
        return info == null ? new ServerInfo(List.of(), "", "", false) : info;
    }

    @Override
    public Resources resources() {
        return rest.get("/1.0/resources", Query.of(), Resources.class);
    }
}
