package io.anklume.incus;

import io.anklume.incus.model.Resources;
import io.anklume.incus.model.ServerInfo;

public interface ServerApi {
    ServerInfo info();

    Resources resources();
}
