package io.anklume.incus;

import io.anklume.incus.model.StoragePool;
import java.util.Arrays;
import java.util.List;

final class RestStoragePools implements StoragePoolsApi {
    private final Rest rest;

    RestStoragePools(Rest rest) {
        this.rest = rest;
    }

    @Override
    public List<StoragePool> list() {
        return Arrays.asList(rest.get("/1.0/storage-pools", Query.of().with("recursion", 1), StoragePool[].class));
    }
}
