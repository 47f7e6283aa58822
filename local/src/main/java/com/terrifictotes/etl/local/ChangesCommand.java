package com.terrifictotes.etl.local;

import com.terrifictotes.etl.testbed.source.ChangeReport;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"Applies a day of changes to the ToteSys database named by TOTESYS_JDBC_URL.",
                "New orders with their transactions and payments, payments marked paid, an order amended, and a "
                        + "department, an address and a staff member edited, all stamped with the current UTC time."})
final class ChangesCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "7", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        ChangeReport report = DayOfChanges.apply(SourceDatabaseOptions.toteSys(new Settings(System.getenv())), seed,
                LocalDateTime.now(ZoneOffset.UTC));
        System.out.printf("applied a day of changes at %s: %,d rows stamped%n", report.stampedAt(),
                report.totalRowsStamped());
        report.rowsStampedPerTable().forEach((table, rows) -> System.out.printf("  %-16s %,10d%n", table, rows));
        return 0;
    }
}
