package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Late-arriving dimensions, the Kimball way: a fact row whose dimension row the warehouse does not have yet still
 * loads, against an inferred row carrying only the natural key ({@code is_inferred} true, attributes NULL). When the
 * real row arrives, the dimension upsert overwrites the attributes and clears the flag (same key, so facts already
 * pointing at it need nothing). So a staff or design row stamped in the future, in the past, or committed later than
 * the extractor's overlap never stops a batch on a foreign key.
 *
 * <p>One instance per batch: it remembers how many rows it inferred per dimension, for the ledger and the metrics.
 */
final class InferredRows {
    private static final Logger LOG = LoggerFactory.getLogger(InferredRows.class);
    /** Keys named in one log line; the count is always exact. */
    private static final int KEYS_LOGGED = 20;

    private final Warehouse warehouse;
    private final Map<String, Long> created = new LinkedHashMap<>();
    /** Per dimension, the natural keys the batch's own rows of it carry: present when the facts load. */
    private final Map<String, FactKeys> present = new HashMap<>();

    InferredRows(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * Creates an inferred row for every dimension key that the rows of {@code source} (the fact's staging table, or
     * the fact table itself right after a straight copy into it) reference and the dimension lacks; the keys
     * {@code gathered} from the copied files covers are checked as gathered, without reading {@code source}, and only
     * those the batch's own rows of the dimension did not carry ({@link #present}): often none, and then no statement.
     */
    void createFor(Connection connection, String manifestUri, WarehouseTable fact, String source,
                   FactKeys gathered) {
        long started = System.nanoTime();
        for (ForeignKey key : fact.foreignKeys()) {
            if (!WarehouseCatalogue.table(key.referencedTable()).takesInferredRows()) {
                continue; // dim_date: the batch's own calendar rows cover every date its facts reference
            }
            List<String> keys = create(connection, manifestUri, fact, key, source, gathered);
            if (!keys.isEmpty()) {
                created.merge(key.referencedTable(), (long) keys.size(), Long::sum);
                LOG.warn("dimension rows inferred: facts reference keys the dimension does not hold yet",
                        entry("manifest", manifestUri), entry("fact", fact.name()), entry("column", key.column()),
                        entry("dimension", key.referencedTable()), entry("rows", keys.size()),
                        entry("keys", keys.subList(0, Math.min(KEYS_LOGGED, keys.size()))));
            }
        }
        LOG.info("dimension keys of the fact's rows checked", entry("fact", fact.name()),
                entry("duration_ms", (System.nanoTime() - started) / 1_000_000));
    }

    /**
     * Records that this batch's rows of {@code dimension}, whose natural keys {@code keys} gathered as they were
     * copied, are in the dimension (straight or merged, in the batch's transaction): a fact key among them needs no
     * check in SQL. Only the keys, not the rows' attributes, matter: the upsert keeps every staged key.
     */
    void present(WarehouseTable dimension, FactKeys keys) {
        present.put(dimension.name(), keys);
    }

    /** Rows inferred in this batch for one dimension. */
    long created(String dimension) {
        return created.getOrDefault(dimension, 0L);
    }

    private List<String> create(Connection connection, String manifestUri, WarehouseTable fact, ForeignKey key,
                                String source, FactKeys gathered) {
        boolean fromFiles = gathered.covers(key);
        Integer[] unknown = fromFiles ? gathered.valuesNotIn(key, present.get(key.referencedTable())) : null;
        if (fromFiles && unknown.length == 0) {
            return List.of(); // every key is one the batch's own dimension rows carry
        }
        try (PreparedStatement statement = connection.prepareStatement(fromFiles ? MergeSql.inferMissingAmong(key)
                : MergeSql.inferMissing(key, source))) {
            if (fromFiles) {
                statement.setArray(1, connection.createArrayOf("integer", unknown));
            }
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw warehouse.failure("inferring the " + key.referencedTable() + " rows that " + fact.name() + "."
                    + key.column() + " references in " + manifestUri, e);
        }
    }
}
