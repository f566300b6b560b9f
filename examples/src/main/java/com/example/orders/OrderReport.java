package com.example.orders;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/** Tells people about orders: here a future is easily printed where its value was meant. */
public final class OrderReport {
  private static final Logger LOG = Logger.getLogger(OrderReport.class.getName());

  private final PriceCache prices;

  public OrderReport(PriceCache prices) {
    this.prices = prices;
  }

  public void report(Order order) {
    CompletableFuture<BigDecimal> price = prices.price(order.id());
    // Logs "CompletableFuture@1b2c[Incomplete]", not a price.
    LOG.info("Order " + order.id() + " costs " + price); // BUG[FutureUsedAsValue]
    // Prints the future, not the price.
    System.out.printf("%s: %s%n", order.id(), price); // BUG[FutureUsedAsValue]
  }

  public CompletableFuture<Void> reportCorrectly(Order order) {
    return prices
        .price(order.id())
        .thenAccept(price -> LOG.info("Order " + order.id() + " costs " + price));
  }

  /** A debugging aid: here the future's state ("Incomplete") is exactly what is wanted. */
  @SuppressWarnings("FutureUsedAsValue")
  public String debugState(Order order) {
    return "price of " + order.id() + ": " + prices.price(order.id());
  }
}
