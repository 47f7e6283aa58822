package com.terrifictotes.etl.testbed.source;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link DayOfChanges#apply} did. Every row it inserted or changed has last_updated = {@code stampedAt}, and
 * every row it inserted also created_at = {@code stampedAt}.
 *
 * @param stampedAt               the {@code now} given, truncated to milliseconds (the columns' precision)
 * @param paymentsMarkedPaid      existing unpaid payments now paid
 * @param amendedSalesOrderIds    existing sales orders whose units_sold changed; each one's (unpaid) payment got
 *                                the new amount and the same stamp
 * @param amendedPaymentIds       those payments, in the same order
 */
public record ChangeReport(LocalDateTime stampedAt, List<Integer> newSalesOrderIds, List<Integer> newPurchaseOrderIds,
                           List<Integer> newTransactionIds, List<Integer> newPaymentIds,
                           List<Integer> paymentsMarkedPaid, List<Integer> amendedSalesOrderIds,
                           List<Integer> amendedPaymentIds, List<Integer> changedDepartmentIds,
                           List<Integer> changedAddressIds, List<Integer> changedStaffIds) {
    public ChangeReport {
        newSalesOrderIds = List.copyOf(newSalesOrderIds);
        newPurchaseOrderIds = List.copyOf(newPurchaseOrderIds);
        newTransactionIds = List.copyOf(newTransactionIds);
        newPaymentIds = List.copyOf(newPaymentIds);
        paymentsMarkedPaid = List.copyOf(paymentsMarkedPaid);
        amendedSalesOrderIds = List.copyOf(amendedSalesOrderIds);
        amendedPaymentIds = List.copyOf(amendedPaymentIds);
        changedDepartmentIds = List.copyOf(changedDepartmentIds);
        changedAddressIds = List.copyOf(changedAddressIds);
        changedStaffIds = List.copyOf(changedStaffIds);
    }

    /** For every source table, how many of its rows now carry last_updated = stampedAt (0 for untouched tables). */
    public Map<String, Integer> rowsStampedPerTable() {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            rows.put(table.name(), 0);
        }
        rows.put("sales_order", newSalesOrderIds.size() + amendedSalesOrderIds.size());
        rows.put("purchase_order", newPurchaseOrderIds.size());
        rows.put("transaction", newTransactionIds.size());
        rows.put("payment", newPaymentIds.size() + paymentsMarkedPaid.size() + amendedPaymentIds.size());
        rows.put("department", changedDepartmentIds.size());
        rows.put("address", changedAddressIds.size());
        rows.put("staff", changedStaffIds.size());
        return rows;
    }

    public int totalRowsStamped() {
        return rowsStampedPerTable().values().stream().mapToInt(Integer::intValue).sum();
    }
}
