package io.anklume.core.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostFirewallTest {
    /** A scripted nft: answers list/check/load as told, and records each call with the file it read. */
    static final class FakeNft implements NftRunner {
        final List<String> calls = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        String loaded;
        boolean checkFails;
        boolean loadFails;

        @Override
        public Result run(List<String> args) {
            calls.add(String.join(" ", args.stream().map(a -> a.startsWith("/") ? "FILE" : a).toList()));
            if (args.get(0).equals("list")) {
                return loaded == null ? new Result(1, "", "Error: No such file or directory\n") : new Result(0, loaded, "");
            }
            String file = args.get(args.size() - 1);
            try {
                files.add(Files.readString(Path.of(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (args.get(0).equals("-c")) {
                return checkFails ? new Result(1, "", "Error: syntax error, unexpected junk\n") : new Result(0, "", "");
            }
            if (loadFails) {
                return new Result(1, "", "Error: Could not process rule: No such file or directory\n");
            }
            String text = files.get(files.size() - 1);
            int table = text.indexOf("table inet anklume {");
            loaded = table < 0 ? null : text.substring(table);
            return new Result(0, "", "");
        }
    }

    final FakeNft nft = new FakeNft();
    final HostFirewall firewall = new HostFirewall(nft, false);
    final NftRuleset wanted = NftRulesetTest.workstation();

    @Test
    void deployChecksTheSameTransactionFirstThenLoadsItOnce() {
        HostFirewall.Deployment d = firewall.deploy(wanted);
        assertEquals(List.of("list table inet anklume", "-c -f FILE", "-f FILE", "list table inet anklume"), nft.calls);
        assertEquals(wanted.transaction(), nft.files.get(0));
        assertEquals(wanted.transaction(), nft.files.get(1));
        assertTrue(d.previous().isEmpty());
        assertFalse(firewall.drift(wanted).differs());
    }

    @Test
    void aFailedCheckNeverLoads() {
        nft.loaded = "table inet anklume {\n}\n";
        nft.checkFails = true;
        IsolationException e = assertThrows(IsolationException.class, () -> firewall.deploy(wanted));
        assertTrue(e.getMessage().contains("unexpected junk"), e.getMessage());
        assertFalse(nft.calls.contains("-f FILE"), nft.calls.toString());
        assertEquals("table inet anklume {\n}\n", nft.loaded);
    }

    @Test
    void aFailedLoadSaysTheLoadedRulesAreUnchanged() {
        nft.loadFails = true;
        IsolationException e = assertThrows(IsolationException.class, () -> firewall.deploy(wanted));
        assertTrue(e.getMessage().contains("unchanged"), e.getMessage());
    }

    @Test
    void driftIgnoresCountersAndSetOrderButShowsRealChanges() {
        nft.loaded = wanted.table().replace("counter drop", "counter packets 12 bytes 840 drop")
                .replace("{ \"net-admin\", \"net-pro\",", "{ \"net-pro\", \"net-admin\",");
        assertFalse(firewall.drift(wanted).differs(), () -> String.join("\n", firewall.drift(wanted).changes()));
        nft.loaded = wanted.table().replace("tcp dport 22 accept", "tcp dport 23 accept");
        NftDrift drift = firewall.drift(wanted);
        assertTrue(drift.loaded());
        assertEquals(2, drift.changes().size(), drift.changes().toString());
        assertTrue(drift.changes().get(0).startsWith("- ") && drift.changes().get(0).contains("dport 23"), drift.changes().toString());
        assertTrue(drift.changes().get(1).startsWith("+ ") && drift.changes().get(1).contains("dport 22"), drift.changes().toString());
    }

    @Test
    void nothingLoadedIsAllAdditions() {
        NftDrift drift = firewall.drift(wanted);
        assertFalse(drift.loaded());
        assertTrue(drift.differs());
        assertTrue(drift.lines().stream().allMatch(l -> l.startsWith("+ ")));
    }

    @Test
    void removeNamesOnlyTheAnklumeTable() {
        nft.loaded = wanted.table();
        assertTrue(firewall.remove());
        assertEquals("table inet anklume\ndelete table inet anklume\n", nft.files.get(0));
        assertFalse(firewall.remove(), "removing twice is fine and says there was nothing");
    }

    @Test
    void readOnlyRefusesDeployAndRemove() {
        HostFirewall ro = new HostFirewall(nft, true);
        assertThrows(IsolationException.class, () -> ro.deploy(wanted));
        assertThrows(IsolationException.class, ro::remove);
        assertTrue(nft.calls.isEmpty());
        ro.check(wanted);
    }
}
