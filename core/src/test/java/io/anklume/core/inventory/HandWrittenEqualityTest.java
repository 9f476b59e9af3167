package io.anklume.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** InstanceRef and LeaseTable.Pair write equals and hashCode out (start-up); they must still be a record's. */
class HandWrittenEqualityTest {

    @Test
    void refsAreEqualByProjectAndName() {
        assertEquals(new InstanceRef("lab", "web"), new InstanceRef("lab", "web"));
        assertEquals(new InstanceRef("lab", "web").hashCode(), new InstanceRef("lab", "web").hashCode());
        assertNotEquals(new InstanceRef("lab", "web"), new InstanceRef("pro", "web"));
        assertNotEquals(new InstanceRef("lab", "web"), new InstanceRef("lab", "db"));
        assertNotEquals(new InstanceRef("web", "lab"), new InstanceRef("lab", "web"));
        assertEquals(new InstanceRef(null, "web"), new InstanceRef(null, "web"));
        assertNotEquals(new InstanceRef(null, "web"), new InstanceRef("lab", "web"));
        assertNotEquals(new InstanceRef("lab", "web"), (Object) "lab/web");
    }

    @Test
    void leasePairsAreEqualByProjectAndBridge() {
        assertEquals(new LeaseTable.Pair("lab", "br0"), new LeaseTable.Pair("lab", "br0"));
        assertEquals(new LeaseTable.Pair("lab", "br0").hashCode(), new LeaseTable.Pair("lab", "br0").hashCode());
        assertNotEquals(new LeaseTable.Pair("lab", "br0"), new LeaseTable.Pair("lab", "br1"));
        assertNotEquals(new LeaseTable.Pair("br0", "lab"), new LeaseTable.Pair("lab", "br0"));
        assertNotEquals(new LeaseTable.Pair("lab", "br0"), (Object) new InstanceRef("lab", "br0"));
    }
}
