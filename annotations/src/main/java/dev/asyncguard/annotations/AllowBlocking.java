package dev.asyncguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Blocking here is intended and reviewed. Suppresses AsyncGuard's {@code BlockingCallInAsync} findings
 * inside the annotated method, constructor or type, and stops the check from treating calls to the
 * annotated method as blocking through its body.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface AllowBlocking {
  /** Why blocking is acceptable here, for the next reader. */
  String value();
}
