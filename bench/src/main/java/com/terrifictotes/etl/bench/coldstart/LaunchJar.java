package com.terrifictotes.etl.bench.coldstart;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packs {@link HandlerLaunch} (and its nested classes) into a jar of its own: class-data sharing archives only
 * class paths made of jars, and the launcher must bring nothing else onto the handler's class path.
 */
final class LaunchJar {
    private LaunchJar() {
    }

    static Path write(Path target) throws IOException {
        Path classes = classesDirectory();
        String packagePath = HandlerLaunch.class.getPackageName().replace('.', '/');
        Path packageDirectory = classes.resolve(packagePath);
        List<Path> launcherClasses;
        try (Stream<Path> files = Files.list(packageDirectory)) {
            launcherClasses = files.filter(p -> p.getFileName().toString().startsWith("HandlerLaunch"))
                    .sorted().toList();
        }
        Files.createDirectories(target.getParent());
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file)) {
            for (Path classFile : launcherClasses) {
                jar.putNextEntry(new JarEntry(packagePath + "/" + classFile.getFileName()));
                Files.copy(classFile, jar);
                jar.closeEntry();
            }
        }
        return target;
    }

    private static Path classesDirectory() throws IOException {
        try {
            Path location = Path.of(HandlerLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location)) {
                throw new IOException("the launcher must run from a classes directory, not " + location);
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the launcher's classes: " + e.getMessage(), e);
        }
    }
}
