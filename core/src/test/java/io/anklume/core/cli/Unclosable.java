package io.anklume.core.cli;

import io.anklume.incus.BackupsApi;
import io.anklume.incus.EventsApi;
import io.anklume.incus.ImagesApi;
import io.anklume.incus.IncusClient;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.NetworkAclsApi;
import io.anklume.incus.NetworksApi;
import io.anklume.incus.OperationsApi;
import io.anklume.incus.ProfilesApi;
import io.anklume.incus.ProjectsApi;
import io.anklume.incus.ServerApi;
import io.anklume.incus.SnapshotsApi;
import io.anklume.incus.StoragePoolsApi;

/** Lends a test's client to a CLI command, which closes what it is given. */
record Unclosable(IncusClient delegate) implements IncusClient {
    public ServerApi server() { return delegate.server(); }

    public ProjectsApi projects() { return delegate.projects(); }

    public InstancesApi instances() { return delegate.instances(); }

    public SnapshotsApi snapshots() { return delegate.snapshots(); }

    public NetworksApi networks() { return delegate.networks(); }

    public NetworkAclsApi networkAcls() { return delegate.networkAcls(); }

    public ProfilesApi profiles() { return delegate.profiles(); }

    public ImagesApi images() { return delegate.images(); }

    public StoragePoolsApi storagePools() { return delegate.storagePools(); }

    public BackupsApi backups() { return delegate.backups(); }

    public OperationsApi operations() { return delegate.operations(); }

    public EventsApi events() { return delegate.events(); }

    public void close() {
        // the test closes it
    }
}
