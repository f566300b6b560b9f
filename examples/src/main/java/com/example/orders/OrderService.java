package com.example.orders;

import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Places orders. The lines marked BUG[Check] are what AsyncGuard reports; examples/check.sh expects
 * exactly these findings, so the other lines show what it must not report.
 */
public final class OrderService {
  private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

  private final Inventory inventory;
  private final Payments payments;
  private final AuditLog audit;
  private final PriceCache prices;

  public OrderService(Inventory inventory, Payments payments, AuditLog audit, PriceCache prices) {
    this.inventory = inventory;
    this.payments = payments;
    this.audit = audit;
    this.prices = prices;
  }

  public CompletableFuture<Void> place(Order order) {
    // The forgotten await: if the audit write fails, nobody ever hears of it.
    audit.record("placing " + order.id()); // BUG[DiscardedFuture]
    return inventory
        .reserve(order)
        // charge returns a future, so thenApply makes a future of a future: "placed" is logged
        // before the customer is charged, and a failed charge is lost. The fix: thenCompose.
        .thenApply(reservation -> payments.charge(order, reservation)) // BUG[DiscardedFuture]
        .thenRun(() -> LOG.info("placed " + order.id()));
  }

  public CompletableFuture<Void> placeCorrectly(Order order) {
    // Fire-and-forget done right: the failure is observed.
    audit
        .record("placing " + order.id())
        .whenComplete((ok, failure) -> logFailure("audit", failure));
    return inventory
        .reserve(order)
        .thenCompose(reservation -> payments.charge(order, reservation))
        .thenRun(() -> LOG.info("placed " + order.id()));
  }

  public void warmUp(Order order) {
    // Dropped on purpose, and said so in the way Error Prone understands.
    var unused = audit.record("warm-up " + order.id());
    // PriceCache.refresh is @CanIgnoreReturnValue: callers may ignore its future.
    prices.refresh(order.id());
  }

  @SuppressWarnings("FutureReturnValueIgnored") // Error Prone's name for the same check works too.
  public void bestEffortAudit(Order order) {
    audit.record("seen " + order.id());
  }

  private static void logFailure(String what, Throwable failure) {
    if (failure != null) {
      LOG.log(Level.WARNING, what + " failed", failure);
    }
  }
}
