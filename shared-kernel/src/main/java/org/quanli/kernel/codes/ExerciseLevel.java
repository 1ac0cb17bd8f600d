package org.quanli.kernel.codes;

/** 行使层级, GB/T 39046-2020 appendix A. */
public enum ExerciseLevel implements CodedValue {
    NATIONAL("1", "国家级"),
    PROVINCE("2", "省级"),
    CITY("3", "市级"),
    COUNTY("4", "县级"),
    TOWNSHIP("5", "镇(乡、街道)级"),
    VILLAGE("6", "村(社区)级"),
    GRADED("7", "分级管理");

    private final String code;
    private final String label;

    ExerciseLevel(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
    }
}
