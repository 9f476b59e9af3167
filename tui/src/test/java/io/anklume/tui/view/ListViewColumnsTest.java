package io.anklume.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListViewColumnsTest {
    private static List<String> titles(int cols) {
        return ListView.fitting(cols).stream().map(ListView.Column::title).toList();
    }

    @Test
    void aNarrowTerminalKeepsTheHighestPriorityColumnsInTableOrder() {
        assertEquals(List.of("NAME", "TRUST", "STATE"), titles(40));
        assertEquals(List.of("NAME", "DOMAIN", "TRUST", "STATE", "IPV4", "MANAGED"), titles(80));
    }

    @Test
    void aWideTerminalShowsEveryColumn() {
        assertEquals(ListView.COLUMNS.stream().map(ListView.Column::title).toList(), titles(200));
    }

    @Test
    void aColumnThatDoesNotFitLeavesRoomForALowerPriorityOneThatDoes() {
        // 38 columns go to NAME, TRUST and STATE; DOMAIN (13), IPV4 (16) and MANAGED (11) do not fit in
        // the 9 left, MEM (7) does, and then nothing else.
        assertEquals(List.of("NAME", "TRUST", "STATE", "MEM"), titles(47));
    }
}
