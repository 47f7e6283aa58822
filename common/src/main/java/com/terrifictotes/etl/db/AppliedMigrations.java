package com.terrifictotes.etl.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Whether a warehouse has applied exactly the migrations on the class path, read with one query of Flyway's history
 * table and without loading Flyway (about 400 classes and several queries, a third of the loader's first call).
 * "Exactly" means: every history row is a successful SQL migration, and their scripts and checksums are those of
 * {@value WarehouseMigrations#LOCATION}'s files, no more and no fewer. Anything else (no history table, a migration
 * pending or failed, a checksum changed, a version newer than this jar, a baseline row, a location this code cannot
 * list) answers no, and the caller runs Flyway, which migrates, validates or refuses exactly as it always did.
 */
public final class AppliedMigrations {
    static final String DIRECTORY = "db/warehouse";
    private static final Pattern VERSIONED = Pattern.compile("V\\d+__\\w+\\.sql");
    private static final String HISTORY = "SELECT script, checksum, success, type, version "
            + "FROM flyway_schema_history ORDER BY installed_rank";

    /** A migration as Flyway records it: script name and checksum. */
    record Migration(String script, int checksum) {
    }

    private AppliedMigrations() {
    }

    /** True only if the history holds exactly the class path's migrations, each applied successfully. */
    public static boolean matchClassPath(Connection connection) {
        List<Migration> expected = onClassPath();
        List<Migration> applied = applied(connection);
        return !expected.isEmpty() && expected.size() == applied.size()
                && new HashSet<>(expected).equals(new HashSet<>(applied));
    }

    /** The history's successful SQL migrations, or an empty list if it holds anything else or is absent. */
    static List<Migration> applied(Connection connection) {
        List<Migration> applied = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(HISTORY)) {
            while (rows.next()) {
                int checksum = rows.getInt(2);
                boolean checksumNull = rows.wasNull();
                if (checksumNull || !rows.getBoolean(3) || !"SQL".equals(rows.getString(4))
                        || rows.getString(5) == null) {
                    return List.of();
                }
                applied.add(new Migration(rows.getString(1), checksum));
            }
        } catch (SQLException e) {
            return List.of(); // no history yet (a new warehouse), or one this check cannot read: Flyway decides
        }
        return applied;
    }

    /** The versioned migrations of {@link #DIRECTORY}, each with Flyway's checksum; none if it cannot be listed. */
    static List<Migration> onClassPath() {
        List<Migration> migrations = new ArrayList<>();
        for (String name : scriptNames()) {
            ClassLoader loader = AppliedMigrations.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(DIRECTORY + "/" + name)) {
                if (in == null) {
                    return List.of();
                }
                migrations.add(new Migration(name, checksum(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the migration " + DIRECTORY + "/" + name, e);
            }
        }
        return migrations;
    }

    /**
     * Flyway's checksum of a SQL migration: CRC-32 of the UTF-8 bytes of each line without its line break, the byte
     * order mark of the first line removed, as a signed int (so line endings do not change it).
     */
    static int checksum(InputStream script) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(script, StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }

    /**
     * The file names in the migrations' directory, from a directory (Lambda unpacks its zip) or from a jar; none if
     * it holds a file that is not a versioned SQL migration, which Flyway's naming check should judge.
     */
    private static Set<String> scriptNames() {
        URL directory = AppliedMigrations.class.getClassLoader().getResource(DIRECTORY);
        Set<String> names = new HashSet<>();
        if (directory == null) {
            return names;
        }
        try {
            if ("file".equals(directory.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
                    files.map(file -> file.getFileName().toString()).forEach(names::add);
                }
            } else if ("jar".equals(directory.getProtocol())) {
                JarURLConnection jar = (JarURLConnection) directory.openConnection();
                jar.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    file.stream().map(entry -> entry.getName())
                            .filter(name -> name.startsWith(DIRECTORY + "/") && name.length() > DIRECTORY.length() + 1)
                            .map(name -> name.substring(DIRECTORY.length() + 1)).forEach(names::add);
                }
            }
        } catch (IOException | URISyntaxException e) {
            return Set.of(); // unlisted: the caller runs Flyway
        }
        names.removeIf(name -> name.endsWith("/"));
        return names.stream().allMatch(name -> VERSIONED.matcher(name).matches()) ? names : Set.of();
    }
}
