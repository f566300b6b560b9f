package com.example.orders;

import java.util.concurrent.CompletableFuture;

/** The payment provider, reached over the network. */
public interface Payments {
  /** Completes with a receipt number once the customer is charged. */
  CompletableFuture<String> charge(Order order, String reservationId);
}
