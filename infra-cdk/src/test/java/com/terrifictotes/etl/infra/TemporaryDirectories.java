package com.terrifictotes.etl.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Temporary directories that are deleted, with their contents, when the test JVM exits. */
final class TemporaryDirectories {
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TemporaryDirectories::delete),
                "delete-temporary-directories"));
    }

    private TemporaryDirectories() {
    }

    static Path create(String prefix) {
        try {
            Path directory = Files.createTempDirectory("totes-etl-" + prefix);
            CREATED.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit: a leftover directory in the temp folder harms nothing
        }
    }
}
