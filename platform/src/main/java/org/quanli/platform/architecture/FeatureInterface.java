package org.quanli.platform.architecture;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type that the other features of the same side may use: a feature's named interface. Anything else in a
 * feature's package is its own business; the architecture test in {@code ops} refuses a dependency on it from
 * another feature.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FeatureInterface {
}
