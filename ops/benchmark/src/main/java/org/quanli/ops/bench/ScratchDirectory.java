package org.quanli.ops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

/**
 * A benchmark's data directory under the system's temporary directory: its embedded PostgreSQL holds gigabytes at
 * province scale, so it goes when the JVM exits, after the benchmark has stopped the database. Kept for inspection
 * with {@code -Dbench.keepData=true}.
 */
final class ScratchDirectory {

    private ScratchDirectory() {
    }

    static Path create(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        if (!Boolean.getBoolean("bench.keepData")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(directory);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "delete-" + prefix));
        }
        return directory;
    }
}
