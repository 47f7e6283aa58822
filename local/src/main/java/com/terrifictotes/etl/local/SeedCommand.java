package com.terrifictotes.etl.local;

import com.terrifictotes.etl.testbed.source.GenerationReport;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import com.terrifictotes.etl.testbed.source.ToteSysSchema;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Generates ToteSys data into the database named by TOTESYS_JDBC_URL.",
                "Creates the ToteSys schema where it is missing; connects as TOTESYS_USER with TOTESYS_PASSWORD. "
                        + "The tables must be empty."})
final class SeedCommand implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "1",
            description = "scale factor (SF1 ~ the real database; default ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--seed", defaultValue = "42",
            description = "random seed; the same seed gives the same data (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        DataSource toteSys = SourceDatabaseOptions.toteSys(new Settings(System.getenv()));
        ToteSysSchema.createIfMissing(toteSys);
        GenerationReport report = ToteSysGenerator.seed(toteSys, scale, seed);
        System.out.printf("seeded SF%d (seed %d): %,d rows%n", scale, seed, report.totalRows());
        report.rowsPerTable().forEach((table, rows) -> System.out.printf("  %-16s %,10d%n", table, rows));
        return 0;
    }
}
