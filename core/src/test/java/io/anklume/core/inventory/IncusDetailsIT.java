package io.anklume.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.core.ActionException;
import io.anklume.incus.lab.IncusLab;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncusDetailsIT {
    @Test
    void addressesOwnConfigAndExpandedDevicesOfARealInstance() {
        try (IncusLab lab = IncusLab.create()) {
            String name = lab.name("det");
            lab.instance(name, Map.of("user.note", "hello"), false);
            lab.client().instances().changeState(lab.project(), name,
                    io.anklume.incus.model.StateAction.of(io.anklume.incus.model.StateAction.Kind.START)).await();
            String ip = lab.waitForIpv4(name, java.time.Duration.ofSeconds(20));
            InstanceDetails d = new IncusDetails(lab.client()).of(new InstanceRef(lab.project(), name));
            assertTrue(d.addresses().get("eth0").contains(ip + "/24"), d.addresses().toString());
            assertEquals("hello", d.config().get("user.note"));
            assertTrue(d.config().keySet().stream().noneMatch(k -> k.startsWith("volatile.")), d.config().toString());
            assertEquals(lab.bridge(), d.devices().get("eth0").get("network"), "devices are the expanded ones");
            ActionException e = assertThrows(ActionException.class,
                    () -> new IncusDetails(lab.client()).of(new InstanceRef(lab.project(), "nope")));
            assertTrue(e.getMessage().contains("cannot read") && e.getMessage().contains("nope"), e.getMessage());
        }
    }
}
