package io.anklume.core.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.net.HostNetworks;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @ParameterizedTest
    @ValueSource(strings = {"workstation", "teacher-lab", "minimal"})
    void validExamplesHaveNoErrors(String name) {
        InfraFiles.Loaded loaded = InfraFiles.load(EXAMPLES.resolve(name).resolve("infra.yml"), HostNetworks.none());
        assertFalse(loaded.hasErrors(), () -> loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad-yaml.yml|bad-yaml.yml:6:1 |a tab character is used for indentation",
        "unknown-key.yml|unknown-key.yml:6:5 domains.pro.trust_levle: |unknown key 'trust_levle' (did you mean 'trust_level'?)",
        "bad-trust.yml|bad-trust.yml:6:18 domains.pro.trust_level: |'friendly' is not a trust level",
        "ip-outside-subnet.yml|ip-outside-subnet.yml:11:13 domains.work.machines.work-dev.ip: |10.120.0.5 is not in subnet 10.110.1.0/24 of domain 'work'",
        "duplicate-machine.yml|duplicate-machine.yml:10:7 domains.perso.machines.box: |machine 'box' is already defined in domain 'pro'",
        "zone-past-255.yml|zone-past-255.yml:6:5 domains.scratch: |subnet 10.290.0.0/24 is not a valid IPv4 network",
        "gpu-exclusive.yml|domains.ai.machines.ai-img.gpu: |GPU policy is 'exclusive' but 2 instances have GPU access: ai-llm, ai-img",
        "bad-schedule.yml|bad-schedule.yml:8:29 domains.pro.machines.pro-dev.snapshots_schedule: |is not a 5-field cron expression",
        "bad-schedule.yml|domains.pro.machines.pro-dev.snapshots_expiry: |must be a number and a unit d, h or m",
        "bad-policy.yml|network_policies[0].to: |'nowhere' is not a known domain, machine, or 'host'",
        "bad-policy.yml|network_policies[0].ports[1]: |port 70000 is not in 1-65535",
        "bad-policy.yml|network_policies[0].protocol: |must be 'tcp' or 'udp', got 'icmp'",
        "boot-priority.yml|domains.pro.machines.pro-dev.boot_priority: |must be an integer 0-100, got 150",
    })
    void invalidExamplesSayWhatIsWrongAndWhere(String file, String where, String message) {
        InfraFiles.Loaded loaded = InfraFiles.load(EXAMPLES.resolve("invalid").resolve(file), HostNetworks.none());
        assertTrue(loaded.hasErrors());
        String all = loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
        assertTrue(loaded.problems().stream().map(Problem::toString)
                .anyMatch(p -> p.contains(where.strip()) && p.contains(message)), () -> "expected '" + where + message + "' in:\n" + all);
    }
}
