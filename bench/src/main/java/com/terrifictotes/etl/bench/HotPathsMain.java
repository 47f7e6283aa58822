package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.bench.hotpaths.HotPathInputs;
import com.terrifictotes.etl.bench.hotpaths.HotPaths;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.s3.S3Clients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The hot paths in a process of their own, shaped like a stage (see {@link HotPathsBench}): reads the batch the
 * harness prepared, measures, and writes one line per candidate to the result file, the input's description
 * first. Arguments: the result file, warm-up rounds, measured rounds, the number of largest tables to read.
 */
public final class HotPathsMain {
    private HotPathsMain() {
    }

    public static void main(String[] args) throws Exception {
        Path resultFile = Path.of(args[0]);
        int warmups = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int tables = Integer.parseInt(args[3]);
        StageCoordinates at = StageCoordinates.fromEnvironment(System.getenv());
        S3Client s3 = S3Clients.fromEnvironment(System.getenv());
        DataSource toteSys = PostgresDataSources.fromUrl(at.toteSysUrl(), at.dbUser(), at.dbPassword(),
                "totes-etl-bench");
        HotPathInputs inputs = HotPathInputs.load(s3, at.ingestionBucket(), at.processedBucket(), toteSys, tables);
        List<String> lines = new ArrayList<>();
        lines.add(inputs.describe());
        HotPaths.measure(inputs, warmups, rounds).forEach(figure -> lines.add(figure.line()));
        Files.write(resultFile, lines);
        System.exit(0); // the SDK's threads are not ours to wait for
    }
}
