package io.anklume.incus;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/** The REST implementation of {@link IncusClient}; one OkHttp client shared by every resource family. */
final class RestIncusClient implements IncusClient {
    private final OkHttpClient http;
    private final ScheduledExecutorService scheduler;
    private final ServerApi server;
    private final ProjectsApi projects;
    private final InstancesApi instances;
    private final SnapshotsApi snapshots;
    private final NetworksApi networks;
    private final NetworkAclsApi networkAcls;
    private final ProfilesApi profiles;
    private final ImagesApi images;
    private final StoragePoolsApi storagePools;
    private final BackupsApi backups;
    private final OperationsApi operations;
    private final EventsApi events;

    RestIncusClient(IncusConfig config) {
        this.http = Transports.http(config);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "incus-events-retry");
            t.setDaemon(true);
            return t;
        });
        Rest rest = new Rest(http, Json.mapperOnFirstUse(), Transports.baseUrl(config), Transports.target(config), config);
        this.server = new RestServer(rest);
        this.projects = new RestProjects(rest);
        this.instances = new RestInstances(rest);
        this.snapshots = new RestSnapshots(rest);
        this.networks = new RestNetworks(rest);
        this.networkAcls = new RestNetworkAcls(rest);
        this.profiles = new RestProfiles(rest);
        this.images = new RestImages(rest);
        this.storagePools = new RestStoragePools(rest);
        this.backups = new RestBackups(rest);
        this.operations = new RestOperations(rest);
        this.events = new RestEvents(rest, scheduler);
    }

    @Override public ServerApi server() { return server; }
    @Override public ProjectsApi projects() { return projects; }
    @Override public InstancesApi instances() { return instances; }
    @Override public SnapshotsApi snapshots() { return snapshots; }
    @Override public NetworksApi networks() { return networks; }
    @Override public NetworkAclsApi networkAcls() { return networkAcls; }
    @Override public ProfilesApi profiles() { return profiles; }
    @Override public ImagesApi images() { return images; }
    @Override public StoragePoolsApi storagePools() { return storagePools; }
    @Override public BackupsApi backups() { return backups; }
    @Override public OperationsApi operations() { return operations; }
    @Override public EventsApi events() { return events; }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
