package io.anklume.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import io.anklume.core.ActionException;
import io.anklume.core.inventory.InventorySnapshot;
import io.anklume.themes.Theme;
import io.anklume.tui.keys.KeyAction;
import io.anklume.tui.keys.Keys;
import io.anklume.tui.view.Area;
import io.anklume.tui.view.HelpView;
import io.anklume.tui.view.ListView;
import io.anklume.tui.view.View;
import io.anklume.tui.widget.Colors;
import io.anklume.tui.widget.Confirm;
import io.anklume.tui.widget.Prompt;
import io.anklume.tui.widget.Text;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The screen: a stack of views, a header, a status bar with key hints, and at most one overlay (a
 * question or a prompt). Only the GUI thread draws; actions run on {@code workers} and report back
 * through the status bar, so the screen never freezes while Incus works.
 */
public final class App {
    private static final Logger LOG = Logger.getLogger(App.class.getName());
    private static final String SPINNER = "|/-\\";
    /**
     * How long the first frame waits for the inventory's first load. A "connecting" frame drawn meanwhile
     * would be replaced a moment later, and on two cores drawing it (cold code) slows down reading the
     * list it waits for; past this, Incus is slow and saying so is worth it.
     */
    static final long FIRST_FRAME_WAITS_FOR_LIST_MS = 300;

    private final Screen screen;
    private final TuiServices services;
    private final Executor workers;
    private final Deque<View> views = new ArrayDeque<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final Palette palette;
    private volatile Colors colors;
    private volatile boolean readOnly;
    private volatile boolean dirty = true;
    private volatile boolean fullRedraw;
    private volatile boolean running = true;
    private volatile String status = "";
    private volatile boolean statusIsError;
    /** The view whose status this is (see {@link #info(View, String)}); null for the whole screen's. */
    private volatile View statusOwner;
    private volatile String busyText = "";
    private Confirm confirm;
    private Prompt prompt;
    private Runnable firstLoadedFrame;
    private final java.util.Queue<Runnable> onGuiThread = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<Runnable> afterFrame = new ArrayList<>();

    public App(Screen screen, TuiServices services, Theme theme, Executor workers) {
        this.screen = screen;
        this.services = services;
        this.workers = workers;
        this.colors = new Colors(theme);
        this.readOnly = services.readOnly();
        this.palette = new Palette(this);
        views.push(new ListView(this));
        services.inventory().addListener(s -> markDirty());
    }

    public TuiServices services() {
        return services;
    }

    public InventorySnapshot inventory() {
        return services.inventory().current();
    }

    public Colors colors() {
        return colors;
    }

    public void theme(Theme theme) {
        colors = new Colors(theme);
        markDirty();
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Read-only can be turned on while running, never off: a safety switch. */
    public void enableReadOnly() {
        readOnly = true;
        info("read-only mode: mutating actions are gone");
    }

    public View view() {
        return views.peek();
    }

    public ListView listView() {
        return (ListView) views.peekLast();
    }

    public void push(View view) {
        views.push(view);
        markDirty();
    }

    public void back() {
        if (views.size() > 1) {
            View left = views.pop();
            if (left == statusOwner) {
                status = "";
                statusOwner = null;
            }
        }
        markDirty();
    }

    public void quit() {
        running = false;
    }

    public boolean running() {
        return running;
    }

    /**
     * Runs {@code r} once, after the first frame drawn from the loaded inventory: the start-up marker
     * measures the time to a useful screen, not to the "connecting" one.
     */
    public void onFirstLoadedFrame(Runnable r) {
        firstLoadedFrame = r;
    }

    /**
     * Runs {@code r} once this frame has reached the terminal; for a view while it draws. Work that the
     * frame starts in the background (the visible rows' details: a few dozen Incus requests and their
     * JSON mapping, cold at start-up) then no longer competes with drawing it.
     */
    public void afterFrame(Runnable r) {
        afterFrame.add(r);
    }

    /** Runs {@code r} on the GUI thread before the next frame (views change only there). */
    public void later(Runnable r) {
        onGuiThread.add(r);
        markDirty();
    }

    public void markDirty() {
        dirty = true;
    }

    /**
     * A message about {@code view} itself (the plan's summary): it goes when the view is left, where a
     * message about what was done ({@link #info(String)}) stays until the next one.
     */
    public void info(View view, String message) {
        info(message);
        statusOwner = view;
    }

    public void info(String message) {
        status = message;
        statusIsError = false;
        statusOwner = null;
        markDirty();
    }

    public void error(String message) {
        status = message;
        statusIsError = true;
        statusOwner = null;
        markDirty();
    }

    public String status() {
        return status;
    }

    public void confirm(String question, Runnable onYes) {
        confirm = new Confirm(question, onYes);
        markDirty();
    }

    public void prompt(String label, String initial, Function<String, List<String>> completions,
                       Consumer<String> onSubmit, Consumer<String> onChange) {
        prompt = new Prompt(label, initial, completions, onSubmit, onChange, () -> onChange.accept(null));
        markDirty();
    }

    /** Asks for a password (stars on screen); {@code onSubmit} gets the characters, and should wipe them. */
    public void secretPrompt(String label, Consumer<char[]> onSubmit) {
        prompt = Prompt.secret(label, onSubmit, () -> { });
        markDirty();
    }

    /**
     * Runs {@code work} off the GUI thread. The status bar shows {@code doing} with a spinner, then
     * {@code done} or the failure's own message (ActionException messages name instance and action).
     */
    public void run(String doing, Runnable work, String done) {
        busy.incrementAndGet();
        busyText = doing;
        markDirty();
        workers.execute(() -> {
            try {
                work.run();
                info(done);
            } catch (ActionException e) {
                error(e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, doing, e);
                error(doing + " failed: " + e.getMessage());
            } finally {
                busy.decrementAndGet();
                services.inventory().refresh();
                markDirty();
            }
        });
    }

    /** Runs in the background and hands the result to {@code then} (e.g. a list to show). */
    public <T> void load(String doing, java.util.function.Supplier<T> work, Consumer<T> then) {
        busy.incrementAndGet();
        busyText = doing;
        markDirty();
        workers.execute(() -> {
            try {
                then.accept(work.get());
            } catch (ActionException e) {
                error(e.getMessage());
            } catch (RuntimeException e) {
                error(doing + " failed: " + e.getMessage());
            } finally {
                busy.decrementAndGet();
                markDirty();
            }
        });
    }

    public boolean isBusy() {
        return busy.get() > 0;
    }

    /** The current view's actions plus the global ones, without mutating ones in read-only mode. */
    public List<KeyAction> actions() {
        List<KeyAction> all = new ArrayList<>();
        for (KeyAction a : view().actions()) {
            if (!(readOnly && a.mutating())) {
                all.add(a);
            }
        }
        all.addAll(globalActions());
        return all;
    }

    List<KeyAction> globalActions() {
        List<KeyAction> g = new ArrayList<>();
        g.add(KeyAction.of(":", "command palette", palette::open));
        g.add(KeyAction.of("?", "help", () -> push(new HelpView(this))));
        if (views.size() > 1) {
            g.add(KeyAction.of("Esc", "back", this::back));
        }
        g.add(KeyAction.of("q", "quit", this::askQuit));
        return g;
    }

    void askQuit() {
        if (isBusy()) {
            confirm("An action is still running (" + busyText + "). Quit anyway? [y/N]", this::quit);
        } else {
            quit();
        }
    }

    public void handle(KeyStroke k) {
        markDirty();
        if (confirm != null) {
            Confirm c = confirm;
            confirm = null;
            c.handle(k);
            return;
        }
        if (prompt != null) {
            Prompt p = prompt;
            if (!p.handle(k) && prompt == p) {
                prompt = null;
            }
            return;
        }
        if (k.getKeyType() == KeyType.EOF) {
            quit();
            return;
        }
        if (k.getKeyType() == KeyType.Character && k.isCtrlDown() && k.getCharacter() == 'c') {
            confirm("Quit anklume-tui? [y/N]", this::quit);
            return;
        }
        if (view().handle(k)) {
            return;
        }
        String name = Keys.name(k);
        for (KeyAction a : actions()) {
            if (a.key().equals(name)) {
                if (a.enabled()) {
                    a.handler().run();
                } else {
                    error(a.description() + ": " + a.disabledReason());
                }
                return;
            }
        }
        if (readOnly) {
            // A key that silently does nothing looks broken: say why it is off.
            view().actions().stream().filter(a -> a.mutating() && a.key().equals(name)).findFirst().ifPresent(a ->
                    error(name + " (" + a.description() + ") changes things: off in read-only mode"));
        }
    }

    // ---- drawing ------------------------------------------------------------------------------

    public void render() throws IOException {
        // Cleared before drawing, not after: a change that arrives while this frame is drawn (the
        // inventory's first load, say) must leave the flag set and get a frame of its own.
        dirty = false;
        // Asked before drawing: an inventory stays loaded once it is, so this frame is drawn from the list.
        boolean loaded = inventory().connected();
        for (Runnable r; (r = onGuiThread.poll()) != null; ) {
            r.run();
        }
        noticeResize();
        TerminalSize size = screen.getTerminalSize();
        screen.clear();
        TextGraphics g = screen.newTextGraphics();
        int cols = size.getColumns();
        int rows = size.getRows();
        drawHeader(g, cols);
        int bodyRows = Math.max(0, rows - 3);
        view().draw(new Area(g, 1, bodyRows, cols, colors));
        drawStatus(g, cols, rows);
        if (confirm != null) {
            drawDialog(g, cols, rows, confirm.question());
        }
        // After the terminal was lent out (a shell), the screen Lanterna remembers is not what is shown.
        screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        fullRedraw = false;
        if (loaded && firstLoadedFrame != null) {
            Runnable r = firstLoadedFrame;
            firstLoadedFrame = null;
            r.run();
        }
        List<Runnable> drawn = List.copyOf(afterFrame);
        afterFrame.clear();
        drawn.forEach(Runnable::run);
    }

    private void drawHeader(TextGraphics g, int cols) {
        InventorySnapshot s = inventory();
        long domains = s.instances().stream().map(v -> v.domain()).distinct().count();
        String conn = s.connected() ? "connected" : (s.problem() == null ? "connecting…" : s.problem());
        String left = " anklume-tui › " + view().title();
        // Below 100 columns the domain count goes first, so the view's title keeps room.
        String right = count(s.instances().size(), "instance") + " · " + (cols >= 100 ? count(domains, "domain") + " · " : "")
                + conn + (readOnly ? " · READ-ONLY" : "") + " ";
        Area a = new Area(g, 0, 1, cols, colors);
        // One space at least between a cut title ("instances · s…") and the counts.
        a.line(0, Text.fit(left, Math.max(0, cols - right.length() - 1)) + " " + right,
                colors.role("header"), colors.role("header.background"), true);
        if (!s.connected()) {
            a.put(Math.max(0, cols - right.length()), 0, right, colors.role("error"), colors.role("header.background"), true);
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void drawStatus(TextGraphics g, int cols, int rows) {
        Area a = new Area(g, rows - 2, 2, cols, colors);
        if (prompt != null) {
            String line = prompt.label() + prompt.shown() + "█";
            a.line(0, line, colors.role("text"), colors.role("status.background"), false);
            if (!prompt.candidates().isEmpty()) {
                a.line(1, String.join("  ", prompt.candidates()), colors.role("dim"), colors.role("status.background"), false);
            } else {
                a.line(1, " Enter accept · Esc cancel · Tab complete", colors.role("dim"), colors.role("status.background"), false);
            }
            return;
        }
        String message = status;
        if (isBusy()) {
            char spin = SPINNER.charAt((int) ((System.currentTimeMillis() / 120) % SPINNER.length()));
            message = spin + " " + busyText;
        }
        TextColor messageColor = statusIsError && !isBusy() ? colors.role("error") : colors.role("status");
        String shown = " " + message;
        if (!isBusy() && shown.length() > cols && cols > 20) {
            // A message longer than the line (errors name the instance, the action and the reason) takes
            // the hint line too rather than losing its end; ? still lists the keys.
            int cut = shown.lastIndexOf(' ', cols - 1);
            cut = cut <= cols / 2 ? cols : cut;
            a.line(0, shown.substring(0, cut), messageColor, colors.role("status.background"), false);
            a.line(1, " " + shown.substring(cut).strip(), messageColor, colors.role("status.background"), false);
            return;
        }
        a.line(0, shown, messageColor, colors.role("status.background"), false);
        StringBuilder hints = new StringBuilder(" ");
        for (KeyAction k : actions()) {
            if (!k.enabled()) {
                continue;
            }
            String hint = "<" + k.key() + "> " + k.description() + "  ";
            if (hints.length() + hint.length() > cols) {
                break;
            }
            hints.append(hint);
        }
        a.line(1, hints.toString(), colors.role("key"), colors.role("status.background"), false);
    }

    private void drawDialog(TextGraphics g, int cols, int rows, String question) {
        int width = Math.min(cols - 4, Math.max(40, question.length() + 4));
        int left = Math.max(0, (cols - width) / 2);
        int top = Math.max(1, rows / 2 - 2);
        List<String> lines = wrap(question, width - 4);
        int room = Math.max(1, rows - top - 3);
        if (lines.size() > room) {
            String last = lines.get(lines.size() - 1);
            int hidden = lines.size() - room + 1;
            lines = new ArrayList<>(lines.subList(0, room - 1));
            lines.set(lines.size() - 1, "… " + hidden + " more lines (see the CLI) · " + last);
        }
        Area a = new Area(g, top, lines.size() + 2, cols, colors);
        TextColor bg = colors.role("selection.background");
        TextColor fg = colors.role("selection");
        a.put(left, 0, " ".repeat(width), fg, bg, false);
        for (int i = 0; i < lines.size(); i++) {
            a.put(left, i + 1, "  " + Text.fit(lines.get(i), width - 2), fg, bg, true);
        }
        a.put(left, lines.size() + 1, " ".repeat(width), fg, bg, false);
    }

    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            out.addAll(wrapLine(paragraph, width));
        }
        return out;
    }

    private static List<String> wrapLine(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.add(line.toString());
        return out;
    }

    /**
     * Takes a pending resize into the screen's buffers. A resized terminal does not keep what it showed,
     * so the next frame must be drawn whole, not as the difference from the old buffer: the resize is
     * remembered here, since Lanterna reports it only to the first caller.
     */
    private boolean noticeResize() {
        boolean resized = screen.doResizeIfNecessary() != null;
        if (resized) {
            fullRedraw = true;
        }
        return resized;
    }

    // ---- the loop -----------------------------------------------------------------------------

    /** Reads keys and redraws (at most ~30 times a second) until quit. */
    public void loop() throws IOException {
        long lastRender = 0;
        long firstFrameDue = System.currentTimeMillis() + FIRST_FRAME_WAITS_FOR_LIST_MS;
        while (running) {
            KeyStroke k = screen.pollInput();
            if (k != null) {
                handle(k);
            }
            long now = System.currentTimeMillis();
            if (noticeResize()) {
                markDirty(); // kept until drawn, even if the frame has to wait for the rate limit
            }
            if ((dirty || isBusy()) && now - lastRender >= 33
                    && mayDraw(lastRender != 0, now, firstFrameDue, () -> inventory().connected())) {
                render();
                lastRender = now;
            } else if (k == null) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Whether a frame may be drawn: any after the first; the first once the inventory is loaded or once
     * its wait for the list ({@link #FIRST_FRAME_WAITS_FOR_LIST_MS}) is over.
     */
    static boolean mayDraw(boolean drawnBefore, long now, long firstFrameDue, java.util.function.BooleanSupplier loaded) {
        return drawnBefore || now >= firstFrameDue || loaded.getAsBoolean();
    }

    /** Gives the real terminal to {@code action} (e.g. a shell) and takes the screen back after. */
    public void suspended(java.util.concurrent.Callable<Integer> action, String what) {
        try {
            screen.stopScreen();
            int code = action.call();
            info(what + " ended" + (code == 0 ? "" : " (exit " + code + ")"));
        } catch (Exception e) {
            error(what + " failed: " + e.getMessage());
        } finally {
            try {
                screen.startScreen();
                screen.setCursorPosition(null);
                fullRedraw = true;
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "cannot restore the screen", e);
            }
            markDirty();
        }
    }
}
