package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.AclRule;
import io.anklume.incus.model.Network;
import io.anklume.incus.model.NetworkAcl;
import io.anklume.incus.model.NetworkLease;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetworksIT {
    static IncusLab lab;

    @BeforeAll
    static void up() {
        lab = IncusLab.create();
    }

    @AfterAll
    static void down() {
        lab.close();
    }

    @Test
    void bridgeCreatePatchUpdateAndFind() {
        Map.Entry<String, String> extra = lab.extraBridge();
        NetworksApi n = lab.client().networks();
        Network found = n.find(null, extra.getKey()).orElseThrow();
        assertEquals("bridge", found.type());
        assertEquals("false", found.config().get("ipv4.nat"));
        assertEquals(extra.getValue() + ".1/24", found.config().get("ipv4.address"));

        n.patch(null, extra.getKey(), Map.of("user.note", "patched"));
        assertEquals("patched", n.find(null, extra.getKey()).orElseThrow().config().get("user.note"));
        Map<String, String> config = new HashMap<>(n.find(null, extra.getKey()).orElseThrow().config());
        config.remove("user.note");
        n.update(null, extra.getKey(), "updated", config);
        Network updated = n.find(null, extra.getKey()).orElseThrow();
        assertEquals("updated", updated.description());
        assertTrue(!updated.config().containsKey("user.note"));
        assertTrue(n.find(null, "tbnosuch0").isEmpty());
    }

    @Test
    void leasesNameTheInstancesOfAProject() {
        String name = lab.name("ls");
        String ip = lab.launch(name);
        List<NetworkLease> leases = lab.client().networks().leases(lab.project(), lab.bridge());
        NetworkLease lease = leases.stream().filter(l -> name.equals(l.hostname())).findFirst().orElseThrow();
        assertEquals(ip, lease.address());
        assertTrue(ip.startsWith(lab.subnetPrefix() + "."), ip);
    }

    @Test
    void aclCrudAndAttachToBridge() {
        NetworkAclsApi acls = lab.client().networkAcls();
        String name = "tacl-" + lab.suffix();
        AclRule allowSsh = new AclRule("allow", lab.subnetPrefix() + ".0/24", null, "tcp", null, "22,80", null, null,
                "ssh and web", "enabled");
        acls.create(null, new NetworkAcl(name, "test acl", List.of(allowSsh), List.of(), Map.of(), null));
        try {
            NetworkAcl read = acls.find(null, name).orElseThrow();
            assertEquals("22,80", read.ingress().get(0).destinationPort());
            AclRule reject = new AclRule("reject", null, "0.0.0.0/0", null, null, null, null, null, null, "enabled");
            acls.update(null, new NetworkAcl(name, "changed", read.ingress(), List.of(reject), Map.of(), null));
            assertEquals("reject", acls.find(null, name).orElseThrow().egress().get(0).action());

            lab.client().networks().patch(null, lab.bridge(), Map.of("security.acls", name,
                    "security.acls.default.ingress.action", "drop"));
            assertTrue(acls.find(null, name).orElseThrow().usedBy().stream().anyMatch(u -> u.contains(lab.bridge())));
            IncusException inUse = assertThrows(IncusException.class, () -> acls.delete(null, name));
            assertTrue(inUse.getMessage().contains("in use"), inUse.getMessage());
            lab.client().networks().patch(null, lab.bridge(), Map.of("security.acls", "",
                    "security.acls.default.ingress.action", ""));
        } finally {
            acls.delete(null, name);
        }
        assertTrue(acls.find(null, name).isEmpty());
    }
}
