package dev.cairn.recovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The recovery service's settings. */
@ConfigMapping(prefix = "cairn.recovery")
public interface RecoveryConfig {

    /** How often the state machine looks for recoveries with a step due (Quarkus duration). */
    @WithDefault("1s")
    String driveEvery();

    /** How many recoveries one pass of the state machine steps at most. */
    @WithDefault("20")
    int batch();

    /** How long a recovery waits in Staging for a region that does not answer before it fails. */
    @WithDefault("PT2M")
    Duration stagingPatience();

    /** How long the target cluster's agent may take to start the restore before the recovery fails. */
    @WithDefault("PT30M")
    Duration startPatience();

    /** How long the pin of a backup's restore region lasts at most (it ends with its recovery). */
    @WithDefault("PT12H")
    Duration pinFor();

    /** How many of the backup's chunks Verifying re-reads from the region the restore used. */
    @WithDefault("32")
    int sampleChunks();

    /** The first wait after a step failed for a reason that may pass (doubling, at most a minute). */
    @WithDefault("PT1S")
    Duration retryBase();

    /**
     * The platform's report-signing key: a PEM file with the PKCS#8 private key and the public key (P-256), shared
     * by every instance (a Secret in production).
     */
    @WithDefault("report-signing-key.pem")
    java.nio.file.Path signingKeyFile();

    /** Whether a missing signing key is made (the local platform); never in production, where it must be given. */
    @WithDefault("true")
    boolean generateSigningKey();

    /** Tests only: the folder of the crash tests' fault points ({@code FaultDir}); unset in production. */
    Optional<String> faultDir();
}
