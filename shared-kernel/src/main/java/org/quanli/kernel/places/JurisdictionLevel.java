package org.quanli.kernel.places;

import org.quanli.kernel.codes.ExerciseLevel;

/**
 * The level of a jurisdiction (行政区划). Functional zones (高新区, 经济区, 新区管委会) act at county level and are
 * registered as COUNTY with the functional-zone flag. The division code has 6 digits down to county, 9 for a
 * township, 12 for a village.
 */
public enum JurisdictionLevel {
    PROVINCE("省级", ExerciseLevel.PROVINCE, 6),
    CITY("市级", ExerciseLevel.CITY, 6),
    COUNTY("县级", ExerciseLevel.COUNTY, 6),
    TOWNSHIP("乡镇(街道)级", ExerciseLevel.TOWNSHIP, 9),
    VILLAGE("村(社区)级", ExerciseLevel.VILLAGE, 12);

    private final String label;
    private final ExerciseLevel exerciseLevel;
    private final int codeLength;

    JurisdictionLevel(String label, ExerciseLevel exerciseLevel, int codeLength) {
        this.label = label;
        this.exerciseLevel = exerciseLevel;
        this.codeLength = codeLength;
    }

    public String label() {
        return label;
    }

    public ExerciseLevel exerciseLevel() {
        return exerciseLevel;
    }

    public int codeLength() {
        return codeLength;
    }

    /** True when this level lies strictly below the other (a county is below a city). */
    public boolean isBelow(JurisdictionLevel other) {
        return ordinal() > other.ordinal();
    }
}
