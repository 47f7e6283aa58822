package com.terrifictotes.etl.testbed.source;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A seeded sales or purchase order, with what its transaction and payment copy from it.
 *
 * @param designId    sales orders only (0 for purchases)
 * @param itemCode    purchase orders only (null for sales)
 */
record Order(boolean sale, int id, LocalDateTime createdAt, int designId, int staffId, int counterpartyId,
             String itemCode, int quantity, int unitPriceCents, int currencyId, String agreedDeliveryDate,
             String agreedPaymentDate, int locationId) {

    BigDecimal unitPrice() {
        return OrderValues.price(unitPriceCents);
    }

    BigDecimal amount() {
        return OrderValues.amount(quantity, unitPriceCents);
    }

    Object[] salesOrderRow() {
        return new Object[] {id, createdAt, createdAt, designId, staffId, counterpartyId, quantity, unitPrice(),
            currencyId, agreedDeliveryDate, agreedPaymentDate, locationId};
    }

    Object[] purchaseOrderRow() {
        return new Object[] {id, createdAt, createdAt, staffId, counterpartyId, itemCode, quantity, unitPrice(),
            currencyId, agreedDeliveryDate, agreedPaymentDate, locationId};
    }

    Object[] transactionRow(int transactionId) {
        return new Object[] {transactionId, sale ? "SALE" : "PURCHASE", sale ? id : null, sale ? null : id,
            createdAt, createdAt};
    }
}
