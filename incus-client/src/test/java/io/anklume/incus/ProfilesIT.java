package io.anklume.incus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anklume.incus.lab.IncusLab;
import io.anklume.incus.model.Instance;
import io.anklume.incus.model.InstanceCreate;
import io.anklume.incus.model.InstanceSource;
import io.anklume.incus.model.Profile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProfilesIT {
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
    void profileCrudAndLaterProfilesOverrideEarlierOnes() {
        ProfilesApi profiles = lab.client().profiles();
        profiles.create(lab.project(), new Profile("small", "small", Map.of("limits.memory", "128MiB", "limits.cpu", "1"),
                Map.of(), null, null));
        assertEquals("128MiB", profiles.find(lab.project(), "small").orElseThrow().config().get("limits.memory"));
        profiles.update(lab.project(), new Profile("small", "smaller", Map.of("limits.memory", "96MiB"), Map.of(), null, null));
        Profile updated = profiles.find(lab.project(), "small").orElseThrow();
        assertEquals("96MiB", updated.config().get("limits.memory"));
        assertTrue(!updated.config().containsKey("limits.cpu"));

        String name = lab.name("pr");
        lab.client().instances().create(lab.project(), new InstanceCreate(name, "container",
                InstanceSource.imageAlias(IncusLab.IMAGE), List.of("default", "small"), false, Map.of(), Map.of(), "",
                false)).await();
        Instance i = lab.client().instances().get(lab.project(), name);
        assertEquals("96MiB", i.expandedConfig().get("limits.memory"));
        assertTrue(profiles.find(lab.project(), "small").orElseThrow().usedBy().stream().anyMatch(u -> u.contains(name)));
        IncusLab.forceDelete(lab.client(), lab.project(), name);
        profiles.delete(lab.project(), "small");
        assertTrue(profiles.find(lab.project(), "small").isEmpty());
    }
}
