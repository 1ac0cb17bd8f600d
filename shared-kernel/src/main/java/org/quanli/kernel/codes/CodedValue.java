package org.quanli.kernel.codes;

import java.util.Arrays;
import java.util.Optional;

/** A value of a GB/T 39046-2020 code set: its code as exchanged between systems, and its Chinese label. */
public interface CodedValue {

    String code();

    String label();

    static <E extends Enum<E> & CodedValue> Optional<E> byCode(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip();
        return Arrays.stream(type.getEnumConstants()).filter(v -> v.code().equals(wanted)).findFirst();
    }
}
