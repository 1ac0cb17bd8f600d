package org.quanli.command.cases;

import java.time.LocalDate;

/** The payload of a deficiency-lapse deadline: the first day after the promised supply date (容缺). */
public record DeficiencyLapse(LocalDate day) {
}
