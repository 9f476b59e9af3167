package io.anklume.incus;

/**
 * The one entry point to an Incus daemon. Each resource family has its own small interface so callers
 * (and their tests) depend only on what they use. Every call is time-bounded; failures are
 * {@link IncusException}s whose message names the request and Incus's own error text.
 *
 * <p>Obtain one with {@link #connect(IncusConfig)}; close it to release the HTTP connection pool and
 * any event streams it opened.
 */
public interface IncusClient extends AutoCloseable {

    static IncusClient connect(IncusConfig config) {
        return new RestIncusClient(config);
    }

    ServerApi server();

    ProjectsApi projects();

    InstancesApi instances();

    SnapshotsApi snapshots();

    NetworksApi networks();

    NetworkAclsApi networkAcls();

    ProfilesApi profiles();

    ImagesApi images();

    StoragePoolsApi storagePools();

    BackupsApi backups();

    OperationsApi operations();

    EventsApi events();

    @Override
    void close();
}
