package com.terrifictotes.etl.transformer;

/**
 * The check a row of a join table passes when it arrives, before it can enter the {@link JoinState}: against every
 * warehouse column it feeds, as a row of its own star table (dim_location's address) and as the joined parent of
 * another's (the legal address of dim_counterparty). The dimension rows themselves are derived by {@link Lineage}.
 */
final class Dimensions {
    private Dimensions() {
    }

    /**
     * Checks a row of one of the join tables against every warehouse column it feeds, and that it names the row it
     * joins to. @throws RowRejected naming the values at fault
     */
    static void check(SourceRow row) {
        if (!JoinState.keeps(row.table())) {
            throw new IllegalArgumentException(row.table().name() + " is not a join table");
        }
        for (Lineage lineage : Lineage.ALL) {
            if (lineage.source().name().equals(row.table().name())) {
                if (lineage.parent().isPresent()) {
                    StarRows.of(lineage.target()).checkOwnPart(row);
                } else {
                    lineage.derive(row, null);
                }
            }
        }
        for (Lineage lineage : Lineage.ALL) {
            if (lineage.parent().filter(p -> p.table().name().equals(row.table().name())).isPresent()) {
                StarRows.of(lineage.target()).checkParentPart(row);
            }
        }
    }
}
