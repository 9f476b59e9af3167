package io.anklume.core.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real nft accepts the generated table of the workstation example (check only: nothing is loaded). */
class NftCheckIT {
    final HostFirewall firewall = new HostFirewall(new ProcessNftRunner(), false);

    @Test
    void nftAcceptsTheWorkstationRulesetWithoutLoadingIt() {
        Optional<String> before = firewall.loaded();
        firewall.check(NftRulesetTest.workstation());
        assertEquals(before, firewall.loaded(), "a check loads nothing");
    }

    @Test
    void nftRejectsABrokenRuleAndSaysWhere() {
        NftRuleset broken = new NftRuleset(NftRulesetTest.workstation().table()
                .replace("ct state established,related accept", "ct state establishd,related accept"));
        IsolationException e = assertThrows(IsolationException.class, () -> firewall.check(broken));
        assertTrue(e.getMessage().contains("establishd"), e.getMessage());
    }
}
