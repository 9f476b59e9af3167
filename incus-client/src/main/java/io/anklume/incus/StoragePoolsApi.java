package io.anklume.incus;

import io.anklume.incus.model.StoragePool;
import java.util.List;

public interface StoragePoolsApi {
    List<StoragePool> list();
}
