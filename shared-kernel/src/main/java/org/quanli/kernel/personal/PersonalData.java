package org.quanli.kernel.personal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component that identifies a natural person (name, identity document number, phone, address). Whenever a
 * record holding one is stored (event payloads, snapshots, dead letters, projection columns), its personal
 * components are written as one ciphertext under the data key of the person they belong to, and read back in
 * clear while that key exists; once the key is deleted (erasure) they read as {@link #ERASED}.
 * Personal components are {@code String}s.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {

    /** What an erased personal field reads as. */
    String ERASED = "[已删除]";

    /**
     * This component names the person (the identity document number): records with the same value share one data
     * key, and erasing that person makes all of them unreadable. Exactly one component of a record says so.
     */
    boolean subject() default false;
}
