package io.anklume.core.cli;

import io.anklume.core.infra.Infra;
import io.anklume.core.isolation.NftRunner;
import io.anklume.core.isolation.ProcessNftRunner;
import io.anklume.core.net.AddressPlan;
import io.anklume.core.net.Addressing;
import io.anklume.incus.IncusClient;
import io.anklume.incus.IncusConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the subcommands use from the outside world, injectable for tests: the streams, how an infra
 * file is loaded, how addresses are allocated, how Incus is reached, whether a person is at a terminal,
 * and how {@code nft} runs ({@code nft} null: no host firewall in this environment, so {@code apply}
 * leaves isolation alone and says so).
 */
public record CliEnvironment(PrintStream out, PrintStream err, BufferedReader in, InfraSource infraSource,
                             Function<Infra, AddressPlan> addressing, Supplier<IncusClient> incus,
                             BooleanSupplier terminal, NftRunner nft) {

    /** An environment without nft (tests of other commands). */
    public CliEnvironment(PrintStream out, PrintStream err, BufferedReader in, InfraSource infraSource,
                          Function<Infra, AddressPlan> addressing, Supplier<IncusClient> incus, BooleanSupplier terminal) {
        this(out, err, in, infraSource, addressing, incus, terminal, null);
    }

    public static CliEnvironment standard(PrintStream out, PrintStream err, InputStream in) {
        return new CliEnvironment(out, err, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
                DefaultInfraSource.INSTANCE, Addressing::allocate, () -> IncusClient.connect(IncusConfig.local()),
                () -> System.console() != null, new ProcessNftRunner());
    }
}
