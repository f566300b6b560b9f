package com.example.orders;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Prices, refreshed in the background. */
public final class PriceCache {
  private final Map<String, CompletableFuture<BigDecimal>> prices = new ConcurrentHashMap<>();

  /** Starts a refresh; the returned future is for callers that want to wait, others may drop it. */
  @CanIgnoreReturnValue
  public CompletableFuture<BigDecimal> refresh(String orderId) {
    CompletableFuture<BigDecimal> price =
        CompletableFuture.supplyAsync(() -> BigDecimal.valueOf(orderId.length()));
    prices.put(orderId, price);
    return price;
  }

  public CompletableFuture<BigDecimal> price(String orderId) {
    return prices.computeIfAbsent(orderId, this::refresh);
  }
}
