package io.anklume.tui;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;

import org.junit.jupiter.api.Test;

/** The CDS training's list of a real start's classes goes stale silently when a class is renamed. */
class CdsTrainingTest {

    @Test
    void theTrainingDrawsThroughTheRealTerminalClassesWithoutATty() throws Exception {
        Terminal terminal = CdsTraining.terminal();
        assertInstanceOf(UnixTerminal.class, terminal, "not the virtual fallback");
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        assertEquals(new TerminalSize(120, 40), screen.getTerminalSize());
        screen.newTextGraphics().putString(0, 0, "anklume");
        screen.refresh();
        screen.stopScreen();
        terminal.close();
    }

    @Test
    void everyListedClassOfARealStartExists() {
        assertAll(CdsTraining.REAL_START_CLASSES.stream().map(name ->
                () -> assertDoesNotThrow(() -> Class.forName(name, false, CdsTraining.class.getClassLoader()), name)));
    }
}
