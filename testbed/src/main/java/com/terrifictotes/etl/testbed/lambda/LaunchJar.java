package com.terrifictotes.etl.testbed.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Packs {@link HandlerLaunch} and the classes it uses into a jar of their own, to stand next to a deployable jar on a
 * child JVM's class path: the launcher must bring nothing else onto the handler's class path, and class-data sharing
 * archives only class paths made of jars. Works whether this module runs from its classes directory or its jar.
 */
public final class LaunchJar {
    /** Everything the launcher loads from outside the handler's jar; none of them has a nested class. */
    private static final List<Class<?>> CLASSES =
            List.of(HandlerLaunch.class, InvocationContext.class, LambdaEvents.class, SnapStartHooks.class);

    private LaunchJar() {
    }

    /** Writes the jar to {@code target} (replacing it) and returns {@code target}. */
    public static Path write(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file)) {
            for (Class<?> launcherClass : CLASSES) {
                String entry = launcherClass.getName().replace('.', '/') + ".class";
                try (InputStream classFile = launcherClass.getClassLoader().getResourceAsStream(entry)) {
                    if (classFile == null) {
                        throw new IOException("cannot read the class file " + entry + " of the handler launcher");
                    }
                    jar.putNextEntry(new JarEntry(entry));
                    classFile.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return target;
    }
}
