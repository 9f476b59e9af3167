package io.anklume.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.anklume.core.infra.Infra;
import io.anklume.core.infra.Position;
import io.anklume.core.infra.Problem;
import io.anklume.core.infra.TrustLevel;
import io.anklume.core.plan.DesiredState;
import io.anklume.core.plan.DesiredStateBuilder;
import io.anklume.core.plan.Fixtures;
import io.anklume.core.plan.ObservedState;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusException;
import io.anklume.incus.InstancesApi;
import io.anklume.incus.NetworksApi;
import io.anklume.incus.OperationHandle;
import io.anklume.incus.ProfilesApi;
import io.anklume.incus.ProjectsApi;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstanceState;
import io.anklume.incus.model.Profile;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Infra infra = Fixtures.infra(Fixtures.domain("pro", TrustLevel.TRUSTED,
            Fixtures.machine("pro-dev", "pro", Map.of("limits.memory", "4GiB"))));
    private final IncusClient incus = mock(IncusClient.class);
    private final ProjectsApi projects = mock(ProjectsApi.class);
    private final NetworksApi networks = mock(NetworksApi.class);
    private final ProfilesApi profiles = mock(ProfilesApi.class);
    private final InstancesApi instances = mock(InstancesApi.class);
    private final OperationHandle done = mock(OperationHandle.class);
    private final io.anklume.incus.OperationsApi operations = mock(io.anklume.incus.OperationsApi.class);
    private List<Problem> problems = List.of();
    private Supplier<IncusClient> connect = () -> incus;
    private boolean terminal;
    private String typed = "";
    private String file;
    private final List<String> nftCalls = new ArrayList<>();
    private String nftLoaded;
    private io.anklume.core.isolation.NftRunner nft = args -> {
        nftCalls.add(args.get(0));
        if (args.get(0).equals("list")) {
            return nftLoaded == null ? new io.anklume.core.isolation.NftRunner.Result(1, "", "Error: No such file or directory")
                    : new io.anklume.core.isolation.NftRunner.Result(0, nftLoaded, "");
        }
        return new io.anklume.core.isolation.NftRunner.Result(0, "", "");
    };
    private final io.anklume.incus.NetworkAclsApi acls = mock(io.anklume.incus.NetworkAclsApi.class);

    @BeforeEach
    void setUp() throws IOException {
        file = Files.writeString(dir.resolve("infra.yml"), "project_name: test\n").toString();
        when(incus.projects()).thenReturn(projects);
        when(incus.networks()).thenReturn(networks);
        when(incus.profiles()).thenReturn(profiles);
        when(incus.instances()).thenReturn(instances);
        when(incus.operations()).thenReturn(operations);
        when(incus.networkAcls()).thenReturn(acls);
        when(operations.listAll()).thenReturn(List.of());
        when(instances.create(anyString(), any())).thenReturn(done);
        when(instances.changeState(anyString(), anyString(), any())).thenReturn(done);
        when(profiles.find(anyString(), anyString())).thenReturn(java.util.Optional.of(
                new Profile("default", "", Map.of(), Map.of(), List.of(), "pro")));
    }

    private int run(String... args) {
        InfraSource source = path -> new InfraSource.Loaded(problems.stream().anyMatch(Problem::isError) ? null : infra,
                problems);
        CliEnvironment env = new CliEnvironment(print(out), print(err), new BufferedReader(new StringReader(typed)),
                source, Fixtures::addresses, () -> connect.get(), () -> terminal, nft);
        return new Cli(env).run(List.of(args));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void observe(ObservedState s) {
        when(projects.list()).thenReturn(new ArrayList<>(s.projects().values()));
        when(networks.list(isNull())).thenReturn(new ArrayList<>(s.networks().values()));
        s.networks().forEach((name, n) -> when(networks.find(null, name)).thenReturn(java.util.Optional.of(n)));
        s.profilesByProject().forEach((p, byName) -> when(profiles.list(p)).thenReturn(new ArrayList<>(byName.values())));
        when(instances.listAllProjects(false)).thenReturn(s.instances());
    }

    private void observeConverged() {
        DesiredState desired = DesiredStateBuilder.build(infra, Fixtures.addresses(infra));
        observe(Fixtures.converged(desired));
    }

    @Test
    void orphansFlushAndGpuAttachRefuseBadInputBeforeContactingIncus() {
        connect = () -> { throw new AssertionError("Incus must not be contacted"); };
        problems = List.of(Problem.error(new Position("infra.yml", 2, 1), "domains", "expected a mapping"));
        assertEquals(1, run("orphans", file, "--delete", "--yes"));
        assertEquals(1, run("flush", file, "--yes", "--force"));
        assertTrue(err().contains("infra.yml:2:1 domains: expected a mapping"), err());
        err.reset();
        assertEquals(1, run("flush", file, "--nft-table", "inet anklume"));
        assertTrue(err().contains("not an nft table name"), err());
        assertEquals(1, run("gpu", "attach"));
        assertEquals(1, run("import-infra", "stray-arg"));
        assertTrue(err().contains("import-infra takes no FILE argument"), err());
    }

    @Test
    void flushKeepsProtectedInstancesAndWithoutATerminalOrYesDeletesNothing() {
        observeConverged();
        assertEquals(0, run("flush", file, "--nft-table", "anklume_cli_unit_none"), out() + err());
        assertTrue(out().contains("keep instance pro/pro-dev: protected") && out().contains("Nothing to flush."), out());
        out.reset();
        assertEquals(1, run("flush", file, "--force", "--nft-table", "anklume_cli_unit_none"), out() + err());
        assertTrue(out().contains("- delete instance pro/pro-dev (protection lifted: --force)")
                && out().contains("- delete project pro") && out().contains("- delete bridge net-pro"), out());
        assertTrue(err().contains("refusing without confirmation"), err());
        org.mockito.Mockito.verify(instances, org.mockito.Mockito.never()).delete(anyString(), anyString());
        org.mockito.Mockito.verify(projects, org.mockito.Mockito.never()).delete(anyString());
        org.mockito.Mockito.verify(networks, org.mockito.Mockito.never()).delete(any(), anyString());
    }

    @Test
    void nftPrintsChecksAndDiffsTheTable() {
        assertEquals(0, run("nft", file));
        assertTrue(out().startsWith("table inet anklume {\n"), out());
        assertTrue(out().contains("iifname \"net-pro\" oifname \"net-pro\" accept"), out());
        assertEquals(List.of(), nftCalls, "--print runs no nft");
        assertEquals(0, run("nft", "--check", file));
        assertEquals(List.of("-c"), nftCalls);
        assertEquals(2, run("nft", "--diff", file), "nothing loaded: different");
        assertTrue(out().contains("is not loaded"), out());
        nftLoaded = io.anklume.core.isolation.NftRuleset.generate(infra, Fixtures.addresses(infra)).table();
        assertEquals(0, run("nft", "--diff", file));
        assertTrue(out().contains("is up to date"), out());
        assertEquals(1, run("nft", "--check", "--deploy", file));
        assertTrue(err().contains("choose one of"), err());
    }

    @Test
    void applyEnforcesIsolationLastUnlessNoNft() {
        observeConverged();
        assertEquals(0, run("apply", file, "--yes"));
        assertTrue(out().contains("isolation: + load table inet anklume"), out());
        assertTrue(nftCalls.contains("-f"), nftCalls.toString());
        nftCalls.clear();
        assertEquals(0, run("apply", file, "--yes", "--no-nft"));
        assertEquals(List.of(), nftCalls);
    }

    @Test
    void handlesSubcommandsAndOverallHelpOnly() {
        assertTrue(Cli.handles(List.of("plan", "x.yml")));
        assertTrue(Cli.handles(List.of("--help")));
        assertFalse(Cli.handles(List.of()));
        assertFalse(Cli.handles(List.of("--read-only")));
    }

    @Test
    void overallAndPerCommandHelp() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("validate FILE") && out().contains("apply FILE"), out());
        out.reset();
        assertEquals(0, run("apply", "--help"));
        assertTrue(out().contains("--parallel N"), out());
        out.reset();
        assertEquals(0, run("help", "list"));
        assertTrue(out().contains("Usage: anklume-tui list"), out());
    }

    @Test
    void unknownCommandAndBadOptionsAreInvalidInput() {
        assertEquals(1, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
        assertEquals(1, run("plan", file, "--colour"));
        assertTrue(err().contains("unknown option --colour"), err());
        assertEquals(1, run("apply", file, "--yes", "--parallel", "zero"));
        assertTrue(err().contains("--parallel needs a whole number"), err());
        assertEquals(1, run("plan"));
        assertTrue(err().contains("missing FILE"), err());
    }

    @Test
    void validatePrintsProblemsOnePerLineSortedAndFails() {
        problems = List.of(
                Problem.error(new Position("infra.yml", 14, 13), "domains.pro.machines.pro-dev.ip",
                        "10.120.0.5 is not in subnet 10.110.1.0/24"),
                Problem.error(new Position("infra.yml", 3, 5), "domains.Pro", "invalid name"));

        assertEquals(1, run("validate", file));

        List<String> lines = err().lines().toList();
        assertEquals("infra.yml:3:5 domains.Pro: invalid name", lines.get(0));
        assertEquals("infra.yml:14:13 domains.pro.machines.pro-dev.ip: 10.120.0.5 is not in subnet 10.110.1.0/24",
                lines.get(1));
    }

    @Test
    void validateOfAValidFileSucceedsWithoutIncus() {
        connect = () -> { throw new AssertionError("validate must not contact Incus"); };
        assertEquals(0, run("validate", file));
        assertTrue(out().contains("is valid: 1 enabled domain, 1 machine"), out());
    }

    @Test
    void missingFileIsInvalidInput() {
        assertEquals(1, run("plan", dir.resolve("nope.yml").toString()));
        assertTrue(err().contains("no such file"), err());
    }

    @Test
    void invalidFileStopsBeforeAnyIncusCall() {
        problems = List.of(Problem.error(new Position("infra.yml", 2, 1), "domains", "expected a mapping"));
        connect = () -> { throw new AssertionError("no Incus call on invalid input"); };
        assertEquals(1, run("apply", file, "--yes"));
        assertTrue(err().contains("infra.yml:2:1 domains: expected a mapping"), err());
    }

    @Test
    void planExitsTwoWhenChangesArePendingAndZeroWhenNot() {
        observe(Fixtures.empty());
        assertEquals(2, run("plan", file));
        assertTrue(out().contains("+ create instance pro-dev in project pro"), out());

        out.reset();
        observeConverged();
        assertEquals(0, run("plan", file));
        assertTrue(out().contains("No changes"), out());
    }

    @Test
    void planAsJson() {
        observe(Fixtures.empty());
        assertEquals(2, run("plan", file, "--json"));
        assertTrue(out().trim().startsWith("{"), out());
        assertTrue(out().contains("\"kind\" : \"create-network\""), out());
    }

    @Test
    void applyWithoutTerminalAndWithoutYesRefuses() {
        observe(Fixtures.empty());
        assertEquals(1, run("apply", file));
        assertTrue(err().contains("refusing to apply without confirmation"), err());
        verify(projects, never()).create(anyString(), any(), any());
    }

    @Test
    void applyOnTerminalAsksAndHonoursNo() {
        observe(Fixtures.empty());
        terminal = true;
        typed = "n\n";
        assertEquals(1, run("apply", file));
        assertTrue(out().contains("Apply these 4 actions? [y/N]"), out());
        verify(projects, never()).create(anyString(), any(), any());
    }

    @Test
    void applyOnTerminalAsksAndProceedsOnYes() {
        observe(Fixtures.empty());
        terminal = true;
        typed = "y\n";
        assertEquals(0, run("apply", file));
        verify(instances).create(eq("pro"), any(InstanceCreate.class));
    }

    @Test
    void applyWithYesCreatesEverythingInOrder() {
        observe(Fixtures.empty());
        assertEquals(0, run("apply", file, "--yes", "--parallel", "2"));
        verify(projects).create(eq("pro"), anyString(), any());
        verify(networks).create(isNull(), eq("net-pro"), eq("bridge"), anyString(), any());
        verify(profiles).update(eq("pro"), any());
        verify(instances, times(1)).create(eq("pro"), any(InstanceCreate.class));
        assertTrue(out().contains("done    + create instance pro-dev in project pro"), out());
        assertTrue(out().contains("Done: 4, failed: 0, not done: 0."), out());
    }

    @Test
    void applyWithNoChangesSucceeds() {
        observeConverged();
        assertEquals(0, run("apply", file));
        assertTrue(out().contains("No changes"), out());
    }

    @Test
    void failedApplyNamesTheActionAndIncusErrorAndExitsOne() {
        observe(Fixtures.empty());
        when(networks.list(isNull())).thenReturn(List.of());
        org.mockito.Mockito.doThrow(new IncusException(500, "Network \"net-pro\" already exists", "POST /1.0/networks"))
                .when(networks).create(any(), anyString(), anyString(), anyString(), any());
        assertEquals(1, run("apply", file, "--yes", "--parallel", "1"));
        assertTrue(err().contains("failed: create-network network net-pro: POST /1.0/networks failed (500)"), err());
        assertTrue(err().contains("not done: create-instance instance pro-dev"), err());
        verify(instances, never()).create(anyString(), any());
    }

    @Test
    void unreachableIncusIsOneCleanLine() {
        connect = () -> { throw new IncusException(0, "connect to /var/lib/incus/unix.socket: No such file", "GET /1.0"); };
        assertEquals(1, run("plan", file));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("Incus: GET /1.0 failed: connect to /var/lib/incus/unix.socket"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void listShowsEveryInstanceWithAddressAndMarker() {
        InstanceState state = new InstanceState("Running", 103, 1, 1, null, null, Map.of(),
                Map.of("lo", new InstanceState.NetworkInterface(List.of(new InstanceState.Address("inet", "127.0.0.1", "8", "local")), "", "", "up", "loopback", 65536L),
                        "eth0", new InstanceState.NetworkInterface(List.of(
                                new InstanceState.Address("inet6", "fe80::1", "64", "link"),
                                new InstanceState.Address("inet", "10.110.0.1", "24", "global")), "", "", "up", "broadcast", 1500L)),
                null);
        var managed = Fixtures.instance("pro", "pro-dev", "Running", Map.of("user.anklume.managed", "true",
                "user.anklume.domain", "pro"), Map.of(), List.of("default"));
        managed = new io.anklume.incus.model.Instance(managed.name(), managed.project(), managed.type(), managed.status(),
                103, "none", "", managed.config(), Map.of(), List.of(), false, false, null, null, Map.of(), Map.of(), state, null);
        var other = Fixtures.instance("default", "hand", "Stopped", Map.of(), Map.of(), List.of());
        when(instances.listAllProjects(true)).thenReturn(List.of(managed, other));

        assertEquals(0, run("list"));
        assertTrue(out().lines().anyMatch(l -> l.matches("pro-dev\\s+pro\\s+Running\\s+10\\.110\\.0\\.1\\s+yes")), out());
        assertTrue(out().lines().anyMatch(l -> l.matches("hand\\s+default\\s+Stopped\\s+-\\s+no")), out());

        out.reset();
        assertEquals(0, run("list", "--json"));
        assertTrue(out().contains("\"ipv4\" : \"10.110.0.1\""), out());
        assertTrue(out().contains("\"managed\" : true"), out());
    }

    @Test
    void lifecycleCommandsRefuseBadArgumentsBeforeContactingIncus() {
        connect = () -> {
            throw new AssertionError("no Incus call for a usage error");
        };
        assertEquals(1, run("snapshot"));
        assertTrue(err().contains("give exactly one of INSTANCE, --domain D or --all"), err());
        assertEquals(1, run("snapshot", "web", "--all"));
        assertEquals(1, run("restore", "web"));
        assertTrue(err().contains("expected INSTANCE SNAPSHOT"), err());
        assertEquals(1, run("publish", "web"));
        assertTrue(err().contains("expected INSTANCE --alias A"), err());
        assertEquals(1, run("backup", "export", "web"));
        assertTrue(err().contains("expected 'export INSTANCE FILE'"), err());
        assertEquals(1, run("apply", file, "--yes", "--keep-snapshots", "0"));
        assertTrue(err().contains("--keep-snapshots needs a whole number from 1 to 100, not '0'"), err());
        assertEquals(1, run("disposable", "extra"));
        assertTrue(err().contains("disposable takes no arguments"), err());
    }

    @Test
    void everyLifecycleCommandIsListedAndHasHelp() {
        assertEquals(0, run("--help"));
        String overall = out();
        for (String c : List.of("snapshot", "restore", "rollback", "disposable", "publish", "backup")) {
            assertTrue(overall.contains("  " + c + " "), c + " missing from:\n" + overall);
            out.reset();
            assertEquals(0, run(c, "--help"));
            assertTrue(out().startsWith("Usage: anklume-tui " + c), out());
        }
    }
}
