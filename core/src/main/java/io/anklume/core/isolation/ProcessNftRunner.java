package io.anklume.core.isolation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real {@code nft}, as a child process with a time limit. */
public final class ProcessNftRunner implements NftRunner {
    private static final long TIMEOUT_SECONDS = 30;
    private final String binary;

    public ProcessNftRunner() {
        this("nft");
    }

    public ProcessNftRunner(String binary) {
        this.binary = binary;
    }

    @Override
    public Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + binary + ": " + e.getMessage()
                    + " (install the nftables package; anklume-tui needs root for nft)");
        }
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(124, out.getNow(""), binary + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(130, "", binary + " was interrupted");
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
