package com.example.orders;

import java.util.concurrent.CompletableFuture;

/** An append-only audit trail; writing to it can fail like any remote call. */
public interface AuditLog {
  CompletableFuture<Void> record(String event);
}
